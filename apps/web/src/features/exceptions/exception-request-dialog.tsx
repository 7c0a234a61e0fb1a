import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateExceptionRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { eligibilityKeys } from '../intakes/intakes-api';
import { exceptionKeys, exceptionsApi } from './exceptions-api';

interface ExceptionRequestDialogProps {
  clientId: string;
  clientName: string;
  programId: string;
  programName: string;
  opened: boolean;
  onClose: () => void;
}

/**
 * Asks a supervisor to enroll someone the rules do not find eligible. The written reason is
 * required (the same schema as the API): the supervisor decides on what they can read.
 */
export function ExceptionRequestDialog({ clientId, clientName, programId, programName, opened, onClose }: ExceptionRequestDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const request = useMutation({
    mutationFn: exceptionsApi.request,
    onSuccess: async () => {
      notifySuccess(t('exceptions.requested', { name: clientName }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: eligibilityKeys.ofClient(clientId) }),
        queryClient.invalidateQueries({ queryKey: exceptionKeys.all }),
      ]);
      setReason('');
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateExceptionRequest.safeParse({ clientId, programId, reason });
    if (!parsed.success) {
      const fieldErrors = zodFieldErrors(parsed.error, t);
      setErrors({ reason: fieldErrors.reason ?? t('exceptions.reasonRequired') });
      return;
    }
    setErrors({});
    request.mutate(parsed.data);
  }

  const otherError = errors.programId ?? errors.clientId;
  return (
    <Modal opened={opened} onClose={onClose} title={t('exceptions.requestTitle')} fullScreen={phone} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('exceptions.requestIntro', { name: clientName, program: programName })}</Text>
          <FormError error={request.isError && !errors.reason && !otherError ? request.error : null} />
          {otherError ? (
            <Text c="red.9" size="sm" role="alert">
              {otherError}
            </Text>
          ) : null}
          <Textarea
            label={t('exceptions.reason')}
            description={t('exceptions.reasonHelp')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setErrors({});
            }}
            error={errors.reason}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={request.isPending}>
              {t('exceptions.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
