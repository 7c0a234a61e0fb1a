import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Client, DuplicateCandidateItem } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { focusFirstError } from './client-form';
import { buildCreateRequest, type ClientFormValues, emptyClientForm } from './client-form-values';
import { checkDuplicates, clientFullName, clientKeys, clientOptions, createClient, type CreateClientBody } from './clients-api';

export interface DuplicateCandidates {
  body: CreateClientBody;
  items: DuplicateCandidateItem[];
}

/**
 * Registering a client, wherever it happens (the "New client" page, a person added during an
 * intake): the form's values and errors, the check with the shared schema, the likely duplicates
 * shown before a second record is made (issue 3), then the registration itself.
 */
export function useClientRegistration(options: { initial?: Partial<ClientFormValues>; onCreated: (client: Client) => void | Promise<void> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ClientFormValues>(() => ({ ...emptyClientForm(), ...options.initial }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [candidates, setCandidates] = useState<DuplicateCandidates | null>(null);

  const refused = (error: Error) => {
    setCandidates(null);
    setErrors(serverFieldErrors(error, t));
    focusFirstError();
  };

  const create = useMutation({
    mutationFn: createClient,
    onSuccess: async (client) => {
      queryClient.setQueryData(clientOptions(client.id).queryKey, client);
      await queryClient.invalidateQueries({ queryKey: clientKeys.lists });
      notifySuccess(t('clients.created', { name: clientFullName(client) }));
      setCandidates(null);
      await options.onCreated(client);
    },
    onError: refused,
  });

  const duplicateCheck = useMutation({
    mutationFn: async (body: CreateClientBody) => {
      const found = await checkDuplicates({
        givenName: body.givenName,
        familyName: body.familyName,
        dateOfBirth: body.dateOfBirth ?? null,
        aNumber: body.aNumber ?? null,
        receiptNumbers: body.receiptNumbers ?? [],
        phones: (body.phones ?? []).map((p) => p.number),
      });
      return { body, items: found.items };
    },
    onSuccess: ({ body, items }) => {
      if (items.length > 0) {
        setCandidates({ body, items });
      } else {
        create.mutate(body);
      }
    },
    onError: refused,
  });

  function submit(): void {
    const checked = buildCreateRequest(values, t);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError();
      return;
    }
    setErrors({});
    duplicateCheck.mutate(checked.body);
  }

  return {
    values,
    setValues,
    errors,
    setErrors,
    candidates,
    setCandidates,
    submit,
    /** Registers the checked draft anyway: the person is not one of the candidates. */
    registerAnyway: () => candidates && create.mutate(candidates.body),
    pending: create.isPending || duplicateCheck.isPending,
    registering: create.isPending,
    requestError: create.error ?? duplicateCheck.error,
    reset: () => {
      create.reset();
      duplicateCheck.reset();
    },
  };
}
