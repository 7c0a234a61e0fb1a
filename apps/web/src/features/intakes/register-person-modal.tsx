import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidateItem } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors } from '../../app/forms';
import { formatCalendarDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { ClientForm, focusFirstError } from '../clients/client-form';
import { duplicateReasonLabel } from '../clients/client-labels';
import { buildCreateRequest, emptyClientForm, type ClientFormValues } from '../clients/client-form-values';
import { checkDuplicates, clientFullName, clientKeys, clientOptions, createClient, type CreateClientBody } from '../clients/clients-api';

interface RegisterPersonModalProps {
  opened: boolean;
  onClose: () => void;
  /** A person was registered, or an existing record was chosen instead of a duplicate. */
  onAdded: (clientId: string, name: string) => void;
  /** Pre-filled family name: family members usually share it. */
  familyName?: string;
}

/**
 * The client registry's form (the same component and checks as "New client"), inside the intake:
 * the likely duplicates are offered first, and choosing one adds that record instead.
 */
export function RegisterPersonModal({ opened, onClose, onAdded, familyName }: RegisterPersonModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const [values, setValues] = useState<ClientFormValues>(() => ({ ...emptyClientForm(), familyName: familyName ?? '' }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [candidates, setCandidates] = useState<{ body: CreateClientBody; items: DuplicateCandidateItem[] } | null>(null);

  const create = useMutation({
    mutationFn: createClient,
    onSuccess: async (client) => {
      queryClient.setQueryData(clientOptions(client.id).queryKey, client);
      await queryClient.invalidateQueries({ queryKey: clientKeys.lists });
      notifySuccess(t('clients.created', { name: clientFullName(client) }));
      setCandidates(null);
      onAdded(client.id, clientFullName(client));
    },
    onError: (error) => {
      setCandidates(null);
      setErrors(serverFieldErrors(error, t));
      focusFirstError();
    },
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
    onError: (error) => {
      setErrors(serverFieldErrors(error, t));
      focusFirstError();
    },
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

  const requestError = create.error ?? duplicateCheck.error;
  return (
    <Modal opened={opened} onClose={onClose} title={candidates ? t('duplicates.title') : t('intakes.people.registerTitle')} size="xl" fullScreen={phone}>
      {candidates ? (
        <Stack>
          <Text>{t('intakes.people.duplicatesIntro')}</Text>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {candidates.items.map(({ client, reasons }) => {
              const name = clientFullName(client);
              return (
                <Paper key={client.id} withBorder p="sm" component="li">
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Stack gap={0}>
                      <Text fw={700}>{name}</Text>
                      <Text size="sm">
                        {t('clients.dateOfBirth')}: {client.dateOfBirth ? formatCalendarDate(client.dateOfBirth) : t('clients.unknown')}
                      </Text>
                      <Group gap={6} mt={4} role="group" aria-label={t('duplicates.why')}>
                        {reasons.map((reason) => (
                          <Badge key={reason} variant="light" color="blue" tt="none">
                            {duplicateReasonLabel(t, reason)}
                          </Badge>
                        ))}
                      </Group>
                    </Stack>
                    <Button size="xs" variant="light" onClick={() => onAdded(client.id, name)} aria-label={t('intakes.people.useExistingFor', { name })}>
                      {t('intakes.people.useExisting')}
                    </Button>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" onClick={() => setCandidates(null)}>
              {t('duplicates.backToForm')}
            </Button>
            <Button variant="default" loading={create.isPending} onClick={() => create.mutate(candidates.body)}>
              {t('duplicates.registerAnyway')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <ClientForm
          form={{ values, setValues, errors, setErrors }}
          mode="create"
          submitLabel={t('clientForm.register')}
          submitting={duplicateCheck.isPending || create.isPending}
          onSubmit={submit}
          onCancel={onClose}
          notice={<FormError error={requestError && Object.keys(errors).length === 0 ? requestError : null} />}
        />
      )}
    </Modal>
  );
}
