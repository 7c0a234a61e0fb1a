import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../app/api-types';
import { clientFullName, clientOptions, isReasonRequired } from '../clients/clients-api';

export interface IntakePerson {
  id: string;
  /** The record, when the caller may read it without a stated reason. */
  client: Client | undefined;
  name: string;
  pending: boolean;
  error: unknown;
}

/**
 * The records of the people in an intake. A protected record asks for a reason before it is
 * read (and audited); the intake does not open it silently, it shows the person as protected.
 */
export function useIntakePeople(ids: readonly string[]): IntakePerson[] {
  const { t } = useTranslation();
  const results = useQueries({ queries: ids.map((id) => ({ ...clientOptions(id), retry: false })) });
  return ids.map((id, index) => {
    const result = results[index];
    const client = result?.data;
    const name = client ? clientFullName(client) : isReasonRequired(result?.error) ? t('intakes.people.protectedPerson') : '…';
    return { id, client, name, pending: result?.isPending ?? true, error: result?.error ?? null };
  });
}
