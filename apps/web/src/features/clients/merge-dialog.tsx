import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MergeClientsRequest } from '@haven/domain';
import { isApiError } from '../../app/api-client';
import type { Client, DuplicateCandidateItem } from '../../app/api-types';
import { serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { clientFullName, clientKeys, mergeClients } from './clients-api';

/**
 * Merging a duplicate into the open record (supervisors): the reason is asked for and audited;
 * what moved is kept in the audit trail, so the merge can be undone.
 */
export function MergeDialog({ survivor, duplicate, onClose }: { survivor: Client; duplicate: DuplicateCandidateItem['client'] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const merge = useMutation({
    mutationFn: (body: { duplicateId: string; version: number; reason: string }) => mergeClients(survivor.id, body),
    onSuccess: async (merged) => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(t('merge.done', { name: clientFullName(merged) }));
      setReason('');
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 409) {
        setError(t('merge.changed'));
        return;
      }
      const fields = serverFieldErrors(err, t);
      setError(fields.duplicateId ?? fields.reason ?? fields.version ?? err.message);
    },
  });

  function submit(): void {
    if (!duplicate) {
      return;
    }
    const parsed = MergeClientsRequest.safeParse({ duplicateId: duplicate.id, version: survivor.version, reason });
    if (!parsed.success) {
      setError(zodFieldErrors(parsed.error, t).reason ?? t('validation.invalid'));
      return;
    }
    setError(null);
    merge.mutate(parsed.data);
  }

  return (
    <Modal opened={duplicate !== null} onClose={onClose} title={t('merge.title')} size="lg" fullScreen={phone}>
      {duplicate ? (
        <Stack>
          <Text>{t('merge.intro', { duplicate: clientFullName(duplicate), survivor: clientFullName(survivor) })}</Text>
          <Alert color="yellow" variant="light">
            {t('merge.whatMoves')}
          </Alert>
          <Textarea
            label={t('merge.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={merge.isPending} onClick={submit}>
              {t('merge.confirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
