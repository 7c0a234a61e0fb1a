import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  CreateFilingRequest,
  type DeadlineChange,
  FILED_WITH,
  FILING_FORMS,
  FILING_STATUSES,
  type FiledWith,
  type FilingForm,
  type FilingResponse,
  type FilingStatus,
  REPRESENTATION_FORUMS,
  type RepresentationResponse,
  UpdateFilingRequest,
  USUAL_FILED_WITH,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError, emptyToUndefined, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import type { MatterTabProps } from '../matters/matter-tab';
import { usePermissions } from '../session/session-api';
import { DeadlineChanges, dollarsToCents, formatCents } from './deadline-changes';
import { filingsOptions, proceedingsApi, useInvalidateMatter } from './proceedings-api';

const PHONE = '(max-width: 48em)';

function formName(filing: Pick<FilingResponse, 'form' | 'formOther'>): string {
  return filing.form === 'other' ? (filing.formOther ?? '') : filing.form;
}

function RecordFilingModal({ matterId, opened, onClose, onSaved }: { matterId: string; opened: boolean; onClose: () => void; onSaved: (changes: DeadlineChange[]) => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const invalidate = useInvalidateMatter(matterId);
  const initial = { form: 'I-589' as FilingForm, formOther: '', filedWith: 'uscis' as FiledWith, filedOn: todayIsoDate(), receivedOn: '', receiptNumber: '', fee: '', note: '' };
  const form = useFormState(initial);
  const save = useMutation({
    mutationFn: (body: CreateFilingRequest) => proceedingsApi.recordFiling(matterId, body),
    onSuccess: async (saved) => {
      notifySuccess(t('proceedings.filings.saved'));
      await invalidate();
      form.reset(initial);
      onSaved(saved.deadlineChanges);
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const feeCents = dollarsToCents(form.values.fee);
    if (feeCents === undefined) {
      form.setErrors({ fee: t('validation.invalid') });
      return;
    }
    const parsed = CreateFilingRequest.safeParse({
      form: form.values.form,
      formOther: form.values.form === 'other' ? form.values.formOther : undefined,
      filedWith: form.values.filedWith,
      filedOn: form.values.filedOn,
      receivedOn: emptyToUndefined(form.values.receivedOn),
      receiptNumber: emptyToUndefined(form.values.receiptNumber),
      feeCents,
      note: emptyToUndefined(form.values.note),
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('proceedings.filings.record')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <NativeSelect
            label={t('proceedings.filings.form')}
            required
            data={FILING_FORMS.map((value) => ({ value, label: value === 'other' ? t('proceedings.filings.otherForm') : value }))}
            value={form.values.form}
            onChange={(event) => {
              const next = event.currentTarget.value as FilingForm;
              form.setField('form', next);
              form.setField('filedWith', USUAL_FILED_WITH[next] ?? (next === 'G-28' ? 'uscis' : form.values.filedWith));
            }}
            error={form.errors.form}
          />
          {form.values.form === 'other' ? (
            <TextInput label={t('proceedings.filings.formOther')} required maxLength={40} value={form.values.formOther} onChange={(event) => form.setField('formOther', event.currentTarget.value)} error={form.errors.formOther} />
          ) : null}
          <NativeSelect
            label={t('proceedings.filings.filedWith')}
            required
            data={FILED_WITH.map((value) => ({ value, label: t(`proceedings.filings.filedWithOptions.${value}`) }))}
            value={form.values.filedWith}
            onChange={(event) => form.setField('filedWith', event.currentTarget.value as FiledWith)}
            error={form.errors.filedWith}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput type="date" label={t('proceedings.filings.filedOn')} required max={todayIsoDate()} value={form.values.filedOn} onChange={(event) => form.setField('filedOn', event.currentTarget.value)} error={form.errors.filedOn} classNames={{ input: 'ltr-value' }} miw={180} />
            <TextInput type="date" label={t('proceedings.filings.receivedOn')} max={todayIsoDate()} value={form.values.receivedOn} onChange={(event) => form.setField('receivedOn', event.currentTarget.value)} error={form.errors.receivedOn} classNames={{ input: 'ltr-value' }} miw={180} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('proceedings.filings.receivedOnHint')}
          </Text>
          <TextInput
            label={t('proceedings.filings.receiptNumber')}
            description={t('proceedings.filings.receiptNumberHint')}
            maxLength={40}
            autoComplete="off"
            value={form.values.receiptNumber}
            onChange={(event) => form.setField('receiptNumber', event.currentTarget.value)}
            error={form.errors.receiptNumber}
            classNames={{ input: 'ltr-value' }}
          />
          <TextInput label={t('proceedings.filings.fee')} inputMode="decimal" value={form.values.fee} onChange={(event) => form.setField('fee', event.currentTarget.value)} error={form.errors.fee ?? form.errors.feeCents} classNames={{ input: 'ltr-value' }} />
          <Textarea label={t('proceedings.filings.note')} autosize minRows={2} maxLength={2000} value={form.values.note} onChange={(event) => form.setField('note', event.currentTarget.value)} error={form.errors.note} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('proceedings.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('proceedings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UpdateFilingModal({ matterId, filing, onClose, onSaved }: { matterId: string; filing: FilingResponse; onClose: () => void; onSaved: (changes: DeadlineChange[]) => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const invalidate = useInvalidateMatter(matterId);
  const form = useFormState({ receivedOn: filing.receivedOn ?? '', receiptNumber: '', status: filing.status as FilingStatus, note: filing.note ?? '' });
  const save = useMutation({
    mutationFn: (body: UpdateFilingRequest) => proceedingsApi.updateFiling(filing.id, body),
    onSuccess: async (saved) => {
      notifySuccess(t('proceedings.filings.updated'));
      await invalidate();
      onSaved(saved.deadlineChanges);
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const receivedOn = emptyToUndefined(form.values.receivedOn) ?? null;
    const parsed = UpdateFilingRequest.safeParse({
      receivedOn: receivedOn === filing.receivedOn ? undefined : receivedOn,
      receiptNumber: emptyToUndefined(form.values.receiptNumber),
      status: form.values.status === filing.status ? undefined : form.values.status,
      note: (emptyToUndefined(form.values.note) ?? null) === filing.note ? undefined : (emptyToUndefined(form.values.note) ?? null),
      version: filing.version,
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <Modal opened onClose={onClose} title={t('proceedings.filings.updateTitle', { form: formName(filing) })} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <TextInput type="date" label={t('proceedings.filings.receivedOn')} min={filing.filedOn} max={todayIsoDate()} value={form.values.receivedOn} onChange={(event) => form.setField('receivedOn', event.currentTarget.value)} error={form.errors.receivedOn} classNames={{ input: 'ltr-value' }} />
          <TextInput
            label={t('proceedings.filings.receiptNumber')}
            description={filing.receiptNumberMasked ? t('proceedings.filings.receiptNumberKeep') : t('proceedings.filings.receiptNumberHint')}
            maxLength={40}
            autoComplete="off"
            value={form.values.receiptNumber}
            onChange={(event) => form.setField('receiptNumber', event.currentTarget.value)}
            error={form.errors.receiptNumber}
            classNames={{ input: 'ltr-value' }}
          />
          <NativeSelect
            label={t('proceedings.filings.status')}
            data={FILING_STATUSES.map((value) => ({ value, label: t(`proceedings.filings.statuses.${value}`) }))}
            value={form.values.status}
            onChange={(event) => form.setField('status', event.currentTarget.value as FilingStatus)}
            error={form.errors.status}
          />
          <Textarea label={t('proceedings.filings.note')} autosize minRows={2} maxLength={2000} value={form.values.note} onChange={(event) => form.setField('note', event.currentTarget.value)} error={form.errors.note} />
          {form.errors.version ? (
            <Alert color="red" role="alert">
              {form.errors.version}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('proceedings.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('proceedings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The masked receipt number, and the whole one on request (the server audits each read). */
function ReceiptNumber({ filing }: { filing: FilingResponse }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => proceedingsApi.receiptNumber(filing.id),
    onSuccess: (result) => setShown(result.receiptNumber),
    onError: (error) => notifyError(describeError(error, t)),
  });
  if (!filing.receiptNumberMasked) {
    return <Text size="sm" c="dimmed">{t('proceedings.filings.noReceipt')}</Text>;
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" className="ltr-value" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {shown ?? filing.receiptNumberMasked}
      </Text>
      <Button
        size="compact-xs"
        variant="subtle"
        loading={reveal.isPending}
        onClick={() => (shown ? setShown(null) : reveal.mutate())}
        aria-label={shown ? t('proceedings.filings.hideReceipt') : `${t('proceedings.filings.showReceipt')} (${formName(filing)})`}
      >
        {shown ? t('proceedings.filings.hideReceipt') : t('proceedings.filings.showReceipt')}
      </Button>
    </Group>
  );
}

function StatusBadge({ status }: { status: FilingStatus }) {
  const { t } = useTranslation();
  const color = status === 'received' ? 'teal.9' : status === 'filed' ? 'blue.9' : 'gray.8';
  return (
    <Badge color={color} variant="filled" tt="none">
      {t(`proceedings.filings.statuses.${status}`)}
    </Badge>
  );
}

function RepresentationSummary({ representation }: { representation: RepresentationResponse }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('proceedings.representation.heading')}
        </Title>
        <Text size="sm">{representation.representative ? t('proceedings.representation.representative', { name: representation.representative.name }) : t('proceedings.representation.noRepresentative')}</Text>
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {REPRESENTATION_FORUMS.map((forum) => {
            const appearance = representation[forum];
            const problem = representation.problems[forum];
            return (
              <li key={forum}>
                <Text size="sm" fw={600}>
                  {t(`proceedings.representation.forums.${forum}`)}
                </Text>
                <Text size="sm">{appearance ? t('proceedings.representation.onFile', { form: appearance.form, date: formatCalendarDate(appearance.filedOn) }) : t('proceedings.representation.notOnFile')}</Text>
                {problem ? (
                  <Text size="sm" c="red.9">
                    {t(`proceedings.representation.problems.${problem as 'no_credential'}`, { defaultValue: problem })}
                  </Text>
                ) : null}
              </li>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** A matter's filings: the representation on file, the forms filed and what came back, and what each save did to the deadlines. */
export function FilingsTab({ matterId, readOnly }: MatterTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const phone = useMediaQuery(PHONE);
  const filings = useQuery(filingsOptions(matterId));
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState<FilingResponse | null>(null);
  const [changes, setChanges] = useState<DeadlineChange[] | null>(null);
  const mayWork = !readOnly && can('matter.manage');

  const row = (filing: FilingResponse) => ({
    form: formName(filing),
    filedWith: t(`proceedings.filings.filedWithOptions.${filing.filedWith}`),
    filedOn: formatCalendarDate(filing.filedOn),
    receivedOn: filing.receivedOn ? formatCalendarDate(filing.receivedOn) : t('proceedings.filings.none'),
    fee: formatCents(filing.feeCents),
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2} size="h3">
          {t('proceedings.filings.heading')}
        </Title>
        {mayWork ? <Button onClick={() => setRecording(true)}>{t('proceedings.filings.record')}</Button> : null}
      </Group>
      {readOnly ? (
        <Alert color="gray" variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
          {t('proceedings.readOnly')}
        </Alert>
      ) : null}
      {changes ? <DeadlineChanges changes={changes} onClose={() => setChanges(null)} /> : null}
      {filings.isPending ? (
        <LoadingState />
      ) : filings.isError ? (
        <ErrorState error={filings.error} onRetry={() => void filings.refetch()} />
      ) : (
        <>
          <RepresentationSummary representation={filings.data.representation} />
          {filings.data.items.length === 0 ? (
            <EmptyState>{t('proceedings.filings.empty')}</EmptyState>
          ) : phone ? (
            <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {filings.data.items.map((filing) => {
                const cells = row(filing);
                return (
                  <Paper key={filing.id} component="li" withBorder p="sm" radius="md">
                    <Stack gap={4}>
                      <Group justify="space-between" wrap="wrap" gap="xs">
                        <Title order={3} size="h5">
                          {cells.form}
                        </Title>
                        <StatusBadge status={filing.status} />
                      </Group>
                      <Text size="sm">
                        {t('proceedings.filings.filedWith')}: {cells.filedWith}
                      </Text>
                      <Text size="sm">
                        {t('proceedings.filings.filedOn')}: {cells.filedOn} · {t('proceedings.filings.receivedOn')}: {cells.receivedOn}
                      </Text>
                      <Text size="sm">
                        {t('proceedings.filings.fee')}: {cells.fee}
                      </Text>
                      <ReceiptNumber filing={filing} />
                      {filing.note ? (
                        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                          {filing.note}
                        </Text>
                      ) : null}
                      {mayWork ? (
                        <Button size="xs" variant="default" onClick={() => setEditing(filing)} style={{ alignSelf: 'flex-start' }}>
                          {t('proceedings.update')}
                        </Button>
                      ) : null}
                    </Stack>
                  </Paper>
                );
              })}
            </Stack>
          ) : (
            <ScrollTable caption={t('proceedings.filings.caption')} minWidth={860}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('proceedings.filings.form')}</Table.Th>
                  <Table.Th scope="col">{t('proceedings.filings.filedWith')}</Table.Th>
                  <Table.Th scope="col">{t('proceedings.filings.filedOn')}</Table.Th>
                  <Table.Th scope="col">{t('proceedings.filings.receivedOn')}</Table.Th>
                  <Table.Th scope="col">{t('proceedings.filings.receiptNumber')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'end' }}>
                    {t('proceedings.filings.fee')}
                  </Table.Th>
                  <Table.Th scope="col">{t('proceedings.filings.status')}</Table.Th>
                  {mayWork ? <Table.Th scope="col">{t('proceedings.filings.actions')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {filings.data.items.map((filing) => {
                  const cells = row(filing);
                  return (
                    <Table.Tr key={filing.id}>
                      <Table.Th scope="row">
                        {cells.form}
                        {filing.note ? (
                          <Text size="xs" c="dimmed" fw={400} style={{ overflowWrap: 'anywhere' }}>
                            {filing.note}
                          </Text>
                        ) : null}
                      </Table.Th>
                      <Table.Td>{cells.filedWith}</Table.Td>
                      <Table.Td>{cells.filedOn}</Table.Td>
                      <Table.Td>{cells.receivedOn}</Table.Td>
                      <Table.Td>
                        <ReceiptNumber filing={filing} />
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'end' }}>{cells.fee}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={filing.status} />
                      </Table.Td>
                      {mayWork ? (
                        <Table.Td>
                          <Button size="xs" variant="default" onClick={() => setEditing(filing)} aria-label={`${t('proceedings.update')} ${cells.form}`}>
                            {t('proceedings.update')}
                          </Button>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </ScrollTable>
          )}
          {filings.data.nextCursor ? (
            <Text size="sm" c="dimmed">
              {t('proceedings.listTruncated')}
            </Text>
          ) : null}
        </>
      )}
      {mayWork ? <RecordFilingModal matterId={matterId} opened={recording} onClose={() => setRecording(false)} onSaved={setChanges} /> : null}
      {mayWork && editing ? <UpdateFilingModal key={`${editing.id}-${editing.version}`} matterId={matterId} filing={editing} onClose={() => setEditing(null)} onSaved={setChanges} /> : null}
    </Stack>
  );
}
