import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Fieldset, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CASE_CLOSURE_REASONS,
  CLOSING_CHECKLIST,
  type ClosingChecklistItem,
  DecideCaseClosureRequest,
  ReopenCaseRequest,
  RequestCaseClosureRequest,
  TransferCaseRequest,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { type Case, caseKeys, casesApi, caseStaffOptions } from './cases-api';

/** Saves a change to the case and refreshes what shows it (the case, its timeline, caseloads). */
function useCaseMutation<B>(kase: Case, run: (body: B) => Promise<Case>, done: (saved: Case) => void, setErrors: (errors: FieldErrors) => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (saved) => {
      queryClient.setQueryData(caseKeys.detail(kase.id), saved);
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      done(saved);
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
}

function DialogButtons({ onClose, pending, label, color }: { onClose: () => void; pending: boolean; label: string; color?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} color={color}>
        {label}
      </Button>
    </Group>
  );
}

/** Errors the form has no field for (a stale version, a closed case) are shown at the top. */
function formLevelError(errors: FieldErrors, fields: string[], mutation: { isError: boolean; error: unknown }) {
  return mutation.isError && !fields.some((field) => Object.keys(errors).some((key) => key === field || key.startsWith(`${field}.`))) ? mutation.error : null;
}

export function TransferDialog({ kase, onClose }: { kase: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const staff = useQuery(caseStaffOptions);
  const [toCaseManagerId, setTo] = useState<string | null>(null);
  const [handOffNote, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const transfer = useCaseMutation(
    kase,
    (body: TransferCaseRequest) => casesApi.transfer(kase.id, body),
    (saved) => {
      notifySuccess(t('cases.transfer.done', { name: saved.primaryCaseManager.name }));
      onClose();
    },
    setErrors,
  );

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = TransferCaseRequest.safeParse({ toCaseManagerId: toCaseManagerId ?? '', handOffNote, version: kase.version });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    transfer.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('cases.transfer.title', { reference: kase.reference })} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={formLevelError(errors, ['toCaseManagerId', 'handOffNote'], transfer)} />
          <Select
            label={t('cases.transfer.to')}
            required
            data={(staff.data?.caseManagers ?? []).filter((p) => p.id !== kase.primaryCaseManager.id).map((p) => ({ value: p.id, label: p.name }))}
            value={toCaseManagerId}
            onChange={setTo}
            error={errors.toCaseManagerId}
            searchable
            nothingFoundMessage={t('common.noOptions')}
            data-autofocus
          />
          <Textarea
            label={t('cases.transfer.note')}
            description={t('cases.transfer.noteHelp')}
            required
            autosize
            minRows={4}
            value={handOffNote}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.handOffNote}
          />
          <DialogButtons onClose={onClose} pending={transfer.isPending} label={t('cases.transfer.submit')} />
        </Stack>
      </form>
    </Modal>
  );
}

const noneDone = Object.fromEntries(CLOSING_CHECKLIST.map((key) => [key, false])) as Record<ClosingChecklistItem, boolean>;

export function ClosureDialog({ kase, onClose }: { kase: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [reason, setReason] = useState<string | null>(null);
  const [reasonDetail, setReasonDetail] = useState('');
  const [checklist, setChecklist] = useState(noneDone);
  const [summary, setSummary] = useState('');
  const [closedOn, setClosedOn] = useState(todayIsoDate());
  const [errors, setErrors] = useState<FieldErrors>({});
  const close = useCaseMutation(
    kase,
    (body: RequestCaseClosureRequest) => casesApi.requestClosure(kase.id, body),
    (saved) => {
      notifySuccess(t(saved.status === 'closed' ? 'cases.closure.closed' : 'cases.closure.requested'));
      onClose();
    },
    setErrors,
  );

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = RequestCaseClosureRequest.safeParse({
      reason: reason ?? '',
      ...(reasonDetail.trim() ? { reasonDetail } : {}),
      checklist,
      summary,
      closedOn,
      version: kase.version,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    close.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('cases.closure.title', { reference: kase.reference })} fullScreen={phone} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('cases.closure.intro')}</Text>
          <FormError error={formLevelError(errors, ['reason', 'reasonDetail', 'checklist', 'summary', 'closedOn'], close)} />
          <Select
            label={t('cases.closure.reason')}
            required
            data={CASE_CLOSURE_REASONS.map((r) => ({ value: r, label: t(`cases.closure.reasons.${r}`) }))}
            value={reason}
            onChange={setReason}
            error={errors.reason}
            data-autofocus
          />
          {reason === 'other' ? (
            <TextInput label={t('cases.closure.reasonDetail')} required value={reasonDetail} onChange={(e) => setReasonDetail(e.currentTarget.value)} error={errors.reasonDetail} />
          ) : null}
          <Fieldset legend={t('cases.closure.checklist')} variant="unstyled">
            <Stack gap="xs">
              {CLOSING_CHECKLIST.map((key) => (
                <Checkbox
                  key={key}
                  label={t(`cases.closure.checklistItems.${key}`)}
                  checked={checklist[key]}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setChecklist((current) => ({ ...current, [key]: checked }));
                  }}
                  error={errors[`checklist.${key}`]}
                />
              ))}
            </Stack>
          </Fieldset>
          <Textarea label={t('cases.closure.summary')} required autosize minRows={4} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.summary} />
          <TextInput
            type="date"
            label={t('cases.closure.closedOn')}
            required
            min={kase.openedOn}
            max={todayIsoDate()}
            value={closedOn}
            onChange={(e) => setClosedOn(e.currentTarget.value)}
            error={errors.closedOn}
          />
          <DialogButtons onClose={onClose} pending={close.isPending} label={t('cases.closure.submit')} color="red.9" />
        </Stack>
      </form>
    </Modal>
  );
}

export function DecisionDialog({ kase, decision, onClose }: { kase: Case; decision: 'approve' | 'return'; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const decide = useCaseMutation(
    kase,
    (body: DecideCaseClosureRequest) => casesApi.decideClosure(kase.id, body),
    () => {
      notifySuccess(t(decision === 'approve' ? 'cases.decision.approved' : 'cases.decision.returned'));
      onClose();
    },
    setErrors,
  );

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = DecideCaseClosureRequest.safeParse({ decision, ...(note.trim() ? { note } : {}), version: kase.version });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    decide.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t(decision === 'approve' ? 'cases.decision.approveTitle' : 'cases.decision.returnTitle', { reference: kase.reference })} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={formLevelError(errors, ['note'], decide)} />
          <Textarea
            label={t('cases.decision.note')}
            description={decision === 'return' ? t('cases.decision.returnHelp') : undefined}
            required={decision === 'return'}
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-autofocus
          />
          <DialogButtons onClose={onClose} pending={decide.isPending} label={t(decision === 'approve' ? 'cases.decision.approve' : 'cases.decision.return')} color={decision === 'approve' ? 'teal.9' : undefined} />
        </Stack>
      </form>
    </Modal>
  );
}

export function ReopenDialog({ kase, onClose }: { kase: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const reopen = useCaseMutation(
    kase,
    (body: ReopenCaseRequest) => casesApi.reopen(kase.id, body),
    () => {
      notifySuccess(t('cases.reopen.done'));
      onClose();
    },
    setErrors,
  );

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = ReopenCaseRequest.safeParse({ reason, version: kase.version });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    reopen.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('cases.reopen.title', { reference: kase.reference })} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('cases.reopen.intro')}</Text>
          <FormError error={formLevelError(errors, ['reason'], reopen)} />
          <Textarea label={t('cases.reopen.reason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-autofocus />
          <DialogButtons onClose={onClose} pending={reopen.isPending} label={t('cases.reopen.submit')} />
        </Stack>
      </form>
    </Modal>
  );
}
