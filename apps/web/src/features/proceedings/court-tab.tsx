import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Autocomplete, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  CHECKIN_AGENCIES,
  CHECKIN_STATUSES,
  type CheckinAgency,
  type CheckinResponse,
  type CheckinStatus,
  CreateCheckinRequest,
  CreateDecisionRequest,
  CreateHearingRequest,
  DECISION_BODIES,
  DECISION_OUTCOMES,
  DECISION_RELIEFS,
  type DeadlineChange,
  type DecisionBody,
  type DecisionOutcome,
  HEARING_STATUSES,
  HEARING_TYPES,
  type HearingResponse,
  type HearingStatus,
  type HearingType,
  IMMIGRATION_COURTS,
  UpdateCheckinRequest,
  UpdateHearingRequest,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { emptyToUndefined, type FieldErrors, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import type { MatterTabProps } from '../matters/matter-tab';
import { usePermissions } from '../session/session-api';
import { DeadlineChanges, formatInZone, US_TIME_ZONES } from './deadline-changes';
import { checkinsOptions, decisionsOptions, hearingsOptions, proceedingsApi, useInvalidateMatter } from './proceedings-api';

const PHONE = '(max-width: 48em)';
const COURT_NAMES = IMMIGRATION_COURTS.map((court) => court.name);

function Dialog({ title, opened, onClose, children }: { title: string; opened: boolean; onClose: () => void; children: ReactNode }) {
  const phone = useMediaQuery(PHONE);
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={phone}>
      {children}
    </Modal>
  );
}

function Actions({ onCancel, pending }: { onCancel: () => void; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        {t('proceedings.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {t('proceedings.save')}
      </Button>
    </Group>
  );
}

/** Date, 24-hour time and time zone of a hearing or check-in, in the court's own terms. */
function WhenFields({
  values,
  errors,
  set,
  zoneDefaultLabel,
}: {
  values: { date: string; time: string; timeZone: string };
  errors: FieldErrors;
  set: (field: 'date' | 'time' | 'timeZone', value: string) => void;
  zoneDefaultLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Group grow align="flex-start" wrap="wrap">
        <TextInput type="date" label={t('proceedings.court.date')} required value={values.date} onChange={(event) => set('date', event.currentTarget.value)} error={errors.date} classNames={{ input: 'ltr-value' }} miw={160} />
        <TextInput type="time" label={t('proceedings.court.time')} required value={values.time} onChange={(event) => set('time', event.currentTarget.value)} error={errors.time} classNames={{ input: 'ltr-value' }} miw={120} />
      </Group>
      <NativeSelect
        label={t('proceedings.court.timeZone')}
        data={[{ value: '', label: zoneDefaultLabel }, ...US_TIME_ZONES.map((zone) => ({ value: zone, label: zone }))]}
        value={values.timeZone}
        onChange={(event) => set('timeZone', event.currentTarget.value)}
        error={errors.timeZone}
      />
    </>
  );
}

// ——— Hearings ———

function ScheduleHearingModal({ matterId, opened, onClose }: { matterId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateMatter(matterId);
  const initial = { court: '', judge: '', hearingType: 'master' as HearingType, date: '', time: '08:30', timeZone: '' };
  const form = useFormState(initial);
  const save = useMutation({
    mutationFn: (body: CreateHearingRequest) => proceedingsApi.scheduleHearing(matterId, body),
    onSuccess: async () => {
      notifySuccess(t('proceedings.hearings.scheduled'));
      await invalidate();
      form.reset(initial);
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateHearingRequest.safeParse({
      court: form.values.court,
      judge: emptyToUndefined(form.values.judge),
      hearingType: form.values.hearingType,
      date: form.values.date,
      time: form.values.time,
      timeZone: emptyToUndefined(form.values.timeZone),
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <Dialog title={t('proceedings.hearings.schedule')} opened={opened} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <Autocomplete
            label={t('proceedings.hearings.court')}
            description={t('proceedings.hearings.courtHint')}
            required
            maxLength={200}
            data={COURT_NAMES}
            limit={12}
            value={form.values.court}
            onChange={(value) => form.setField('court', value)}
            error={form.errors.court}
          />
          <TextInput label={t('proceedings.hearings.judge')} maxLength={200} value={form.values.judge} onChange={(event) => form.setField('judge', event.currentTarget.value)} error={form.errors.judge} />
          <NativeSelect
            label={t('proceedings.hearings.type')}
            required
            data={HEARING_TYPES.map((value) => ({ value, label: t(`proceedings.hearings.types.${value}`) }))}
            value={form.values.hearingType}
            onChange={(event) => form.setField('hearingType', event.currentTarget.value as HearingType)}
            error={form.errors.hearingType}
          />
          <WhenFields values={form.values} errors={form.errors} set={(field, value) => form.setField(field, value)} zoneDefaultLabel={t('proceedings.court.timeZoneDefault')} />
          <Actions onCancel={onClose} pending={save.isPending} />
        </Stack>
      </form>
    </Dialog>
  );
}

function UpdateHearingModal({ matterId, hearing, onClose }: { matterId: string; hearing: HearingResponse; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateMatter(matterId);
  const form = useFormState({ date: hearing.date, time: hearing.time, timeZone: '', status: hearing.status as HearingStatus, outcome: hearing.outcome ?? '', judge: hearing.judge ?? '' });
  const save = useMutation({
    mutationFn: (body: UpdateHearingRequest) => proceedingsApi.updateHearing(hearing.id, body),
    onSuccess: async () => {
      notifySuccess(t('proceedings.hearings.updated'));
      await invalidate();
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const changed = <T,>(value: T, current: T) => (value === current ? undefined : value);
    const parsed = UpdateHearingRequest.safeParse({
      date: changed(form.values.date, hearing.date),
      time: changed(form.values.time, hearing.time),
      timeZone: emptyToUndefined(form.values.timeZone),
      status: changed(form.values.status, hearing.status),
      outcome: changed(emptyToUndefined(form.values.outcome) ?? null, hearing.outcome),
      judge: changed(emptyToUndefined(form.values.judge) ?? null, hearing.judge),
      version: hearing.version,
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <Dialog title={t('proceedings.hearings.updateTitle')} opened onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <Text size="sm" fw={600}>
            {hearing.court}
          </Text>
          <WhenFields values={form.values} errors={form.errors} set={(field, value) => form.setField(field, value)} zoneDefaultLabel={`${t('proceedings.court.timeZoneKeep')} (${hearing.timeZone})`} />
          <TextInput label={t('proceedings.hearings.judge')} maxLength={200} value={form.values.judge} onChange={(event) => form.setField('judge', event.currentTarget.value)} error={form.errors.judge} />
          <NativeSelect
            label={t('proceedings.court.status')}
            data={HEARING_STATUSES.map((value) => ({ value, label: t(`proceedings.hearings.statuses.${value}`) }))}
            value={form.values.status}
            onChange={(event) => form.setField('status', event.currentTarget.value as HearingStatus)}
            error={form.errors.status}
          />
          <Textarea
            label={t('proceedings.court.outcome')}
            description={t('proceedings.hearings.outcomeHint')}
            required={form.values.status === 'held'}
            autosize
            minRows={2}
            maxLength={2000}
            value={form.values.outcome}
            onChange={(event) => form.setField('outcome', event.currentTarget.value)}
            error={form.errors.outcome}
          />
          {form.errors.version ? (
            <Alert color="red" role="alert">
              {form.errors.version}
            </Alert>
          ) : null}
          <Actions onCancel={onClose} pending={save.isPending} />
        </Stack>
      </form>
    </Dialog>
  );
}

function ItemCard({ title, badge, lines, action }: { title: string; badge: ReactNode; lines: (string | null)[]; action: ReactNode }) {
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {badge}
        </Group>
        {lines
          .filter((line): line is string => Boolean(line))
          .map((line) => (
            <Text key={line} size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {line}
            </Text>
          ))}
        {action}
      </Stack>
    </Paper>
  );
}

function Section({ heading, action, children }: { heading: string; action: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-label={heading}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2} size="h3">
          {heading}
        </Title>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

function HearingsSection({ matterId, mayWork }: { matterId: string; mayWork: boolean }) {
  const { t } = useTranslation();
  const hearings = useQuery(hearingsOptions(matterId));
  const [scheduling, setScheduling] = useState(false);
  const [editing, setEditing] = useState<HearingResponse | null>(null);
  return (
    <Section heading={t('proceedings.hearings.heading')} action={mayWork ? <Button onClick={() => setScheduling(true)}>{t('proceedings.hearings.schedule')}</Button> : null}>
      {hearings.isPending ? (
        <LoadingState />
      ) : hearings.isError ? (
        <ErrorState error={hearings.error} onRetry={() => void hearings.refetch()} />
      ) : hearings.data.items.length === 0 ? (
        <EmptyState>{t('proceedings.hearings.empty')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" style={listStyle}>
          {hearings.data.items.map((hearing) => (
            <ItemCard
              key={hearing.id}
              title={`${t(`proceedings.hearings.types.${hearing.hearingType}`)} — ${hearing.court}`}
              badge={
                <Badge color={hearing.status === 'scheduled' ? 'blue.9' : hearing.status === 'held' ? 'teal.9' : 'gray.8'} variant="filled" tt="none">
                  {t(`proceedings.hearings.statuses.${hearing.status}`)}
                </Badge>
              }
              lines={[
                t('proceedings.court.when', { when: formatInZone(hearing.startsAt, hearing.timeZone), zone: hearing.timeZone }),
                hearing.judge ? t('proceedings.hearings.judgeLabel', { name: hearing.judge }) : null,
                `${t('proceedings.court.responsible', { name: hearing.responsible.name })} · ${hearing.acknowledgedAt ? t('proceedings.court.acknowledged') : t('proceedings.court.notAcknowledged')}`,
                hearing.outcome ? `${t('proceedings.court.outcome')}: ${hearing.outcome}` : null,
              ]}
              action={
                mayWork ? (
                  <Button size="xs" variant="default" onClick={() => setEditing(hearing)} style={{ alignSelf: 'flex-start' }}>
                    {t('proceedings.update')}
                  </Button>
                ) : null
              }
            />
          ))}
        </Stack>
      )}
      {mayWork ? <ScheduleHearingModal matterId={matterId} opened={scheduling} onClose={() => setScheduling(false)} /> : null}
      {mayWork && editing ? <UpdateHearingModal key={`${editing.id}-${editing.version}`} matterId={matterId} hearing={editing} onClose={() => setEditing(null)} /> : null}
    </Section>
  );
}

// ——— Check-ins ———

function ScheduleCheckinModal({ matterId, opened, onClose }: { matterId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateMatter(matterId);
  const initial = { agency: 'ice_ero' as CheckinAgency, location: '', date: '', time: '09:00', timeZone: '' };
  const form = useFormState(initial);
  const save = useMutation({
    mutationFn: (body: CreateCheckinRequest) => proceedingsApi.scheduleCheckin(matterId, body),
    onSuccess: async () => {
      notifySuccess(t('proceedings.checkins.scheduled'));
      await invalidate();
      form.reset(initial);
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateCheckinRequest.safeParse({ ...form.values, timeZone: emptyToUndefined(form.values.timeZone) });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <Dialog title={t('proceedings.checkins.schedule')} opened={opened} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <NativeSelect
            label={t('proceedings.checkins.agency')}
            required
            data={CHECKIN_AGENCIES.map((value) => ({ value, label: t(`proceedings.checkins.agencies.${value}`) }))}
            value={form.values.agency}
            onChange={(event) => form.setField('agency', event.currentTarget.value as CheckinAgency)}
            error={form.errors.agency}
          />
          <TextInput label={t('proceedings.checkins.location')} required maxLength={200} value={form.values.location} onChange={(event) => form.setField('location', event.currentTarget.value)} error={form.errors.location} />
          <WhenFields values={form.values} errors={form.errors} set={(field, value) => form.setField(field, value)} zoneDefaultLabel={t('proceedings.court.timeZoneDefault')} />
          <Actions onCancel={onClose} pending={save.isPending} />
        </Stack>
      </form>
    </Dialog>
  );
}

function UpdateCheckinModal({ matterId, checkin, onClose }: { matterId: string; checkin: CheckinResponse; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateMatter(matterId);
  const form = useFormState({ date: checkin.date, time: checkin.time, timeZone: '', status: checkin.status as CheckinStatus, outcome: checkin.outcome ?? '' });
  const save = useMutation({
    mutationFn: (body: UpdateCheckinRequest) => proceedingsApi.updateCheckin(checkin.id, body),
    onSuccess: async () => {
      notifySuccess(t('proceedings.checkins.updated'));
      await invalidate();
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const changed = <T,>(value: T, current: T) => (value === current ? undefined : value);
    const parsed = UpdateCheckinRequest.safeParse({
      date: changed(form.values.date, checkin.date),
      time: changed(form.values.time, checkin.time),
      timeZone: emptyToUndefined(form.values.timeZone),
      status: changed(form.values.status, checkin.status),
      outcome: changed(emptyToUndefined(form.values.outcome) ?? null, checkin.outcome),
      version: checkin.version,
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <Dialog title={t('proceedings.checkins.updateTitle')} opened onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <WhenFields values={form.values} errors={form.errors} set={(field, value) => form.setField(field, value)} zoneDefaultLabel={`${t('proceedings.court.timeZoneKeep')} (${checkin.timeZone})`} />
          <NativeSelect
            label={t('proceedings.court.status')}
            data={CHECKIN_STATUSES.map((value) => ({ value, label: t(`proceedings.checkins.statuses.${value}`) }))}
            value={form.values.status}
            onChange={(event) => form.setField('status', event.currentTarget.value as CheckinStatus)}
            error={form.errors.status}
          />
          <Textarea label={t('proceedings.court.outcome')} autosize minRows={2} maxLength={2000} value={form.values.outcome} onChange={(event) => form.setField('outcome', event.currentTarget.value)} error={form.errors.outcome} />
          {form.errors.version ? (
            <Alert color="red" role="alert">
              {form.errors.version}
            </Alert>
          ) : null}
          <Actions onCancel={onClose} pending={save.isPending} />
        </Stack>
      </form>
    </Dialog>
  );
}

function CheckinsSection({ matterId, mayWork }: { matterId: string; mayWork: boolean }) {
  const { t } = useTranslation();
  const checkins = useQuery(checkinsOptions(matterId));
  const [scheduling, setScheduling] = useState(false);
  const [editing, setEditing] = useState<CheckinResponse | null>(null);
  return (
    <Section heading={t('proceedings.checkins.heading')} action={mayWork ? <Button onClick={() => setScheduling(true)}>{t('proceedings.checkins.schedule')}</Button> : null}>
      {checkins.isPending ? (
        <LoadingState />
      ) : checkins.isError ? (
        <ErrorState error={checkins.error} onRetry={() => void checkins.refetch()} />
      ) : checkins.data.items.length === 0 ? (
        <EmptyState>{t('proceedings.checkins.empty')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" style={listStyle}>
          {checkins.data.items.map((checkin) => (
            <ItemCard
              key={checkin.id}
              title={`${t(`proceedings.checkins.agencies.${checkin.agency}`)} — ${checkin.location}`}
              badge={
                <Badge color={checkin.status === 'missed' ? 'red.9' : checkin.status === 'attended' ? 'teal.9' : checkin.status === 'scheduled' ? 'blue.9' : 'gray.8'} variant="filled" tt="none">
                  {t(`proceedings.checkins.statuses.${checkin.status}`)}
                </Badge>
              }
              lines={[
                t('proceedings.court.when', { when: formatInZone(checkin.startsAt, checkin.timeZone), zone: checkin.timeZone }),
                `${t('proceedings.court.responsible', { name: checkin.responsible.name })} · ${checkin.acknowledgedAt ? t('proceedings.court.acknowledged') : t('proceedings.court.notAcknowledged')}`,
                checkin.status === 'missed' ? t('proceedings.checkins.missedWarning') : null,
                checkin.outcome ? `${t('proceedings.court.outcome')}: ${checkin.outcome}` : null,
              ]}
              action={
                mayWork ? (
                  <Button size="xs" variant="default" onClick={() => setEditing(checkin)} style={{ alignSelf: 'flex-start' }}>
                    {t('proceedings.update')}
                  </Button>
                ) : null
              }
            />
          ))}
        </Stack>
      )}
      {mayWork ? <ScheduleCheckinModal matterId={matterId} opened={scheduling} onClose={() => setScheduling(false)} /> : null}
      {mayWork && editing ? <UpdateCheckinModal key={`${editing.id}-${editing.version}`} matterId={matterId} checkin={editing} onClose={() => setEditing(null)} /> : null}
    </Section>
  );
}

// ——— Decisions ———

function RecordDecisionModal({ matterId, opened, onClose, onSaved }: { matterId: string; opened: boolean; onClose: () => void; onSaved: (changes: DeadlineChange[]) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateMatter(matterId);
  const initial = { body: 'immigration_judge' as DecisionBody, outcome: 'granted' as DecisionOutcome, relief: '', decidedOn: todayIsoDate(), finalOn: '', note: '' };
  const form = useFormState(initial);
  const save = useMutation({
    mutationFn: (body: CreateDecisionRequest) => proceedingsApi.recordDecision(matterId, body),
    onSuccess: async (saved) => {
      notifySuccess(t('proceedings.decisions.saved'));
      await invalidate();
      form.reset(initial);
      onSaved(saved.deadlineChanges);
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateDecisionRequest.safeParse({
      body: form.values.body,
      outcome: form.values.outcome,
      relief: emptyToUndefined(form.values.relief),
      decidedOn: form.values.decidedOn,
      finalOn: emptyToUndefined(form.values.finalOn),
      note: emptyToUndefined(form.values.note),
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <Dialog title={t('proceedings.decisions.record')} opened={opened} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <NativeSelect
            label={t('proceedings.decisions.body')}
            required
            data={DECISION_BODIES.map((value) => ({ value, label: t(`proceedings.decisions.bodies.${value}`) }))}
            value={form.values.body}
            onChange={(event) => form.setField('body', event.currentTarget.value as DecisionBody)}
            error={form.errors.body}
          />
          <NativeSelect
            label={t('proceedings.decisions.outcome')}
            required
            data={DECISION_OUTCOMES.map((value) => ({ value, label: t(`proceedings.decisions.outcomes.${value}`) }))}
            value={form.values.outcome}
            onChange={(event) => form.setField('outcome', event.currentTarget.value as DecisionOutcome)}
            error={form.errors.outcome}
          />
          <NativeSelect
            label={t('proceedings.decisions.relief')}
            data={[{ value: '', label: t('proceedings.decisions.reliefNone') }, ...DECISION_RELIEFS.map((value) => ({ value, label: t(`proceedings.decisions.reliefs.${value}`) }))]}
            value={form.values.relief}
            onChange={(event) => form.setField('relief', event.currentTarget.value)}
            error={form.errors.relief}
          />
          <TextInput type="date" label={t('proceedings.decisions.decidedOn')} required max={todayIsoDate()} value={form.values.decidedOn} onChange={(event) => form.setField('decidedOn', event.currentTarget.value)} error={form.errors.decidedOn} classNames={{ input: 'ltr-value' }} />
          <TextInput
            type="date"
            label={t('proceedings.decisions.finalOn')}
            description={t('proceedings.decisions.finalOnHint')}
            max={todayIsoDate()}
            value={form.values.finalOn}
            onChange={(event) => form.setField('finalOn', event.currentTarget.value)}
            error={form.errors.finalOn}
            classNames={{ input: 'ltr-value' }}
          />
          <Textarea label={t('proceedings.decisions.note')} autosize minRows={2} maxLength={2000} value={form.values.note} onChange={(event) => form.setField('note', event.currentTarget.value)} error={form.errors.note} />
          <Actions onCancel={onClose} pending={save.isPending} />
        </Stack>
      </form>
    </Dialog>
  );
}

function DecisionsSection({ matterId, mayWork }: { matterId: string; mayWork: boolean }) {
  const { t } = useTranslation();
  const decisions = useQuery(decisionsOptions(matterId));
  const [recording, setRecording] = useState(false);
  const [changes, setChanges] = useState<DeadlineChange[] | null>(null);
  return (
    <Section heading={t('proceedings.decisions.heading')} action={mayWork ? <Button onClick={() => setRecording(true)}>{t('proceedings.decisions.record')}</Button> : null}>
      {changes ? <DeadlineChanges changes={changes} onClose={() => setChanges(null)} /> : null}
      {decisions.isPending ? (
        <LoadingState />
      ) : decisions.isError ? (
        <ErrorState error={decisions.error} onRetry={() => void decisions.refetch()} />
      ) : decisions.data.items.length === 0 ? (
        <EmptyState>{t('proceedings.decisions.empty')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" style={listStyle}>
          {decisions.data.items.map((decision) => (
            <ItemCard
              key={decision.id}
              title={`${t(`proceedings.decisions.bodies.${decision.body}`)} — ${formatCalendarDate(decision.decidedOn)}`}
              badge={
                <Badge color={decision.outcome === 'granted' ? 'teal.9' : decision.outcome === 'denied' || decision.outcome === 'removal_ordered' ? 'red.9' : 'gray.8'} variant="filled" tt="none">
                  {t(`proceedings.decisions.outcomes.${decision.outcome}`)}
                </Badge>
              }
              lines={[
                decision.relief ? `${t('proceedings.decisions.relief')}: ${t(`proceedings.decisions.reliefs.${decision.relief as 'other'}`, { defaultValue: decision.relief })}` : null,
                decision.finalOn ? t('proceedings.decisions.finalLabel', { date: formatCalendarDate(decision.finalOn) }) : null,
                decision.note,
              ]}
              action={null}
            />
          ))}
        </Stack>
      )}
      {mayWork ? <RecordDecisionModal matterId={matterId} opened={recording} onClose={() => setRecording(false)} onSaved={setChanges} /> : null}
    </Section>
  );
}

/**
 * The matter in court and before ICE: immigration court hearings, ICE/ISAP check-ins (kept apart:
 * their consequences differ) and decisions. Times are the court's local time, with the zone named.
 */
export function CourtTab({ matterId, readOnly }: MatterTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const mayWork = !readOnly && can('matter.manage');
  return (
    <Stack gap="xl">
      <Alert color="orange.9" variant="light" title={t('proceedings.court.warningTitle')} icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
        {t('proceedings.court.warning')}
      </Alert>
      {readOnly ? (
        <Alert color="gray" variant="light">
          {t('proceedings.readOnly')}
        </Alert>
      ) : null}
      <HearingsSection matterId={matterId} mayWork={mayWork} />
      <CheckinsSection matterId={matterId} mayWork={mayWork} />
      <DecisionsSection matterId={matterId} mayWork={mayWork} />
    </Stack>
  );
}
