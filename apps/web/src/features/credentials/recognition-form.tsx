import { type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreateRecognitionRequest, recognitionProblems, type RecognitionResponse, UpdateRecognitionRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { officesOptions } from '../admin/admin-api';
import { credentialKeys, credentialsApi } from './credentials-api';

/** Record or renew the organization's (or one office's) DOJ recognition: at most six years. */
export function RecognitionForm({ existing, onClose }: { existing: RecognitionResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const offices = useQuery(officesOptions);
  const form = useFormState({
    officeId: existing?.office?.id ?? '',
    recognizedOn: existing?.recognizedOn ?? '',
    expiresOn: existing?.expiresOn ?? '',
    note: existing?.note ?? '',
  });
  const v = form.values;

  const save = useMutation({
    mutationFn: async (): Promise<RecognitionResponse> => {
      const body = { officeId: v.officeId || null, recognizedOn: v.recognizedOn, expiresOn: v.expiresOn, note: v.note.trim() || null };
      const parsed = existing ? UpdateRecognitionRequest.safeParse({ ...body, version: existing.version }) : CreateRecognitionRequest.safeParse(body);
      if (!parsed.success) {
        throw parsed.error;
      }
      const problems = recognitionProblems(body);
      const first = Object.values(problems)[0];
      if (first) {
        throw new ApiError(400, 'validation_failed', first, problems);
      }
      return existing ? credentialsApi.updateRecognition(existing.id, { ...body, version: existing.version }) : credentialsApi.createRecognition(body);
    },
    onSuccess: async () => {
      notifySuccess(t('credentials.recognition.saved'));
      await queryClient.invalidateQueries({ queryKey: credentialKeys.all });
      onClose();
    },
    onError: (error) => form.setErrors('issues' in error ? zodFieldErrors(error as { issues: object[] }, t) : serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    save.mutate();
  }

  const requestError = save.isError && !('issues' in save.error) && !Object.keys(form.errors).length ? save.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={requestError} />
        <NativeSelect
          label={t('credentials.recognition.office')}
          data={[{ value: '', label: t('credentials.recognition.wholeOrganization') }, ...(offices.data?.items ?? []).map((office) => ({ value: office.id, label: office.name }))]}
          value={v.officeId}
          onChange={(event) => form.setField('officeId', event.currentTarget.value)}
          error={form.errors.officeId}
          data-autofocus
        />
        <TextInput
          type="date"
          label={t('credentials.recognition.recognizedOn')}
          required
          value={v.recognizedOn}
          onChange={(event) => form.setField('recognizedOn', event.currentTarget.value)}
          error={form.errors.recognizedOn}
        />
        <TextInput
          type="date"
          label={t('credentials.recognition.expiresOn')}
          required
          value={v.expiresOn}
          onChange={(event) => form.setField('expiresOn', event.currentTarget.value)}
          error={form.errors.expiresOn}
        />
        <Textarea
          label={t('credentials.recognition.note')}
          autosize
          minRows={2}
          value={v.note}
          onChange={(event) => form.setField('note', event.currentTarget.value)}
          error={form.errors.note}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
