import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Group, List, NativeSelect, NumberInput, Paper, SegmentedControl, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  type AcceptanceOutcome,
  ClearConflictCheckRequest,
  type ConflictHit,
  GenerateAgreementRequest,
  MatterDecisionRequest,
  ScreenMatterRequest,
  SignAgreementRequest,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { describeError, emptyToUndefined, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { currentLocale, NATIVE_LANGUAGE_NAMES } from '../../app/i18n';
import { formatCalendarDate, formatDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import type { MatterTabProps } from '../matters/matter-tab';
import { usePermissions } from '../session/session-api';
import { acceptanceApi, type MatterAcceptance, matterAcceptanceOptions, representativesOptions } from './acceptance-api';
import { criterionLabel, formatMoney, StepCard, useRefreshMatter } from './acceptance-shared';

interface StepProps {
  data: MatterAcceptance;
  readOnly: boolean;
}

function ScreeningStep({ data, readOnly }: StepProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const refresh = useRefreshMatter(data.matter.id);
  const screening = data.screening;
  const editable = !readOnly && data.matter.status === 'screening' && can('matter.manage');
  const form = useFormState({ summary: screening?.summary ?? '', eligible: screening?.eligible ?? true, notes: screening?.notes ?? '' });
  const save = useMutation({
    mutationFn: (body: ScreenMatterRequest) => acceptanceApi.screen(data.matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('acceptance.screening.saved'));
      await refresh();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = ScreenMatterRequest.safeParse({ ...form.values, notes: emptyToUndefined(form.values.notes), version: data.matter.version });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <StepCard title={t('acceptance.steps.screening')} state={screening ? 'done' : 'todo'} label={t(screening ? 'acceptance.stepStatus.done' : 'acceptance.stepStatus.todo')}>
      {screening ? (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('acceptance.screening.by', { name: screening.screenedBy.name, date: formatDate(screening.screenedAt) })}
          </Text>
          {screening.eligible !== null ? (
            <Badge variant="light" color={screening.eligible ? 'teal.9' : 'orange.9'} style={{ alignSelf: 'flex-start' }}>
              {t(screening.eligible ? 'acceptance.screening.eligibleYes' : 'acceptance.screening.eligibleNo')}
            </Badge>
          ) : null}
          {!editable ? (
            <>
              <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-line' }}>
                {screening.summary}
              </Text>
              {screening.notes ? (
                <Text size="sm" dir="auto" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                  {screening.notes}
                </Text>
              ) : null}
            </>
          ) : null}
        </Stack>
      ) : null}
      {editable ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FormError error={save.isError && Object.keys(form.errors).length === 0 ? save.error : null} />
            <Textarea
              label={t('acceptance.screening.summary')}
              description={t('acceptance.screening.summaryHelp')}
              required
              autosize
              minRows={3}
              value={form.values.summary}
              onChange={(e) => form.setField('summary', e.currentTarget.value)}
              error={form.errors.summary}
            />
            <Switch label={t('acceptance.screening.eligible')} checked={form.values.eligible} onChange={(e) => form.setField('eligible', e.currentTarget.checked)} />
            <Textarea label={t('acceptance.screening.notes')} autosize minRows={2} value={form.values.notes} onChange={(e) => form.setField('notes', e.currentTarget.value)} error={form.errors.notes} />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('acceptance.screening.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </StepCard>
  );
}

function HitCard({ hit }: { hit: ConflictHit }) {
  const { t } = useTranslation();
  const color = hit.kind === 'conflict' ? 'red.9' : hit.kind === 'confidential' ? 'grape.9' : 'gray.8';
  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color={color} leftSection={hit.kind === 'confidential' ? <IconLock size={12} aria-hidden="true" /> : undefined}>
            {t(`acceptance.conflict.kinds.${hit.kind}`)}
          </Badge>
          {hit.matter ? (
            <Text size="sm" fw={600}>
              <span className="ltr-value">{hit.matter.reference}</span> · {t(`acceptance.doc.matterTypes.${hit.matter.type}`)}
            </Text>
          ) : (
            <Text size="sm" fw={600}>
              {hit.visibility === 'confidential' ? t('acceptance.conflict.confidential') : t('acceptance.conflict.hidden')}
            </Text>
          )}
        </Group>
        <Text size="sm">
          <span dir="auto">{t('acceptance.conflict.here', { name: hit.partyName, role: t(`acceptance.roles.${hit.partyRole}`) })}</span>
          {hit.matchedRole ? (
            <>
              {' · '}
              {hit.matchedName
                ? t('acceptance.conflict.thereNamed', { name: hit.matchedName, role: t(`acceptance.roles.${hit.matchedRole}`) })
                : t('acceptance.conflict.there', { role: t(`acceptance.roles.${hit.matchedRole}`) })}
            </>
          ) : null}
        </Text>
        {hit.similarity !== null ? (
          <Text size="xs" c="dimmed">
            {t('acceptance.conflict.similarity', { percent: Math.round(hit.similarity * 100) })}
            {hit.sameDateOfBirth ? ` · ${t('acceptance.conflict.sameDob')}` : ''}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ConflictStep({ data, readOnly }: StepProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const refresh = useRefreshMatter(data.matter.id);
  const check = data.conflictCheck;
  const canRun = !readOnly && (data.matter.status === 'screening' || data.matter.status === 'open') && can('matter.manage');
  const canClear = !readOnly && data.callerIsSupervisingAttorney && check !== null && !check.cleared && !check.stale;
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const run = useMutation({
    mutationFn: () => acceptanceApi.checkConflicts(data.matter.id),
    onSuccess: async () => {
      notifySuccess(t('acceptance.conflict.ran'));
      await refresh();
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  const clear = useMutation({
    mutationFn: (body: ClearConflictCheckRequest) => acceptanceApi.clearConflicts(data.matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('acceptance.conflict.clearedOk'));
      setNote('');
      await refresh();
    },
    onError: async (error) => {
      if (isApiError(error) && error.status === 409) {
        // The check was re-run meanwhile: say so, and show the hits as they now are to be read again.
        notifyError(describeError(error, t));
        await refresh();
        return;
      }
      setNoteError(serverFieldErrors(error, t).note ?? describeError(error, t));
    },
  });
  function submitClear(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = ClearConflictCheckRequest.safeParse({ note, version: data.matter.version });
    if (!parsed.success) {
      setNoteError(zodFieldErrors(parsed.error, t).note);
      return;
    }
    clear.mutate(parsed.data);
  }
  const state = !check || check.stale ? 'todo' : check.cleared ? 'done' : 'attention';
  return (
    <StepCard title={t('acceptance.steps.conflictCheck')} state={state} label={t(`acceptance.stepStatus.${state}`)}>
      <Text size="sm">{t('acceptance.conflict.intro')}</Text>
      <div>
        <Text size="sm" fw={600}>
          {t('acceptance.parties.heading')}
        </Text>
        {data.parties.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('acceptance.parties.none')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {data.parties.map((party) => (
              <List.Item key={party.id}>
                <span dir="auto">{party.name}</span> — {t(`acceptance.roles.${party.role}`)}
                {party.dateOfBirth ? `, ${t('acceptance.parties.bornOn', { date: formatCalendarDate(party.dateOfBirth) })}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </div>
      {check ? (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('acceptance.conflict.checkedBy', { name: check.checkedBy.name, date: formatDate(check.checkedAt) })}
          </Text>
          {check.stale ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
              {t('acceptance.conflict.stale')}
            </Alert>
          ) : null}
          <Text size="sm" fw={600}>
            {check.cleared ? t('acceptance.conflict.cleared') : t('acceptance.conflict.notCleared')}
          </Text>
          {check.hits.length === 0 ? (
            <Text size="sm">{t('acceptance.conflict.noHits')}</Text>
          ) : (
            <>
              <Text size="sm">{t('acceptance.conflict.counts', { conflicts: check.conflicts, related: check.related })}</Text>
              <Stack gap="xs">
                {check.hits.map((hit, i) => (
                  <HitCard key={i} hit={hit} />
                ))}
              </Stack>
            </>
          )}
          {check.clearedBy && check.clearedAt ? (
            <Text size="sm">
              {t('acceptance.conflict.clearedBy', { name: check.clearedBy.name, date: formatDate(check.clearedAt) })}
              {check.note ? (
                <>
                  {' — '}
                  <span dir="auto">{check.note}</span>
                </>
              ) : null}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('acceptance.conflict.never')}
        </Text>
      )}
      {canRun ? (
        <Group>
          <Button variant={check ? 'default' : 'filled'} loading={run.isPending} onClick={() => run.mutate()}>
            {check ? t('acceptance.conflict.rerun') : t('acceptance.conflict.run')}
          </Button>
        </Group>
      ) : null}
      {canClear ? (
        <form onSubmit={submitClear} noValidate>
          <Stack gap="sm">
            <Textarea
              label={t('acceptance.conflict.clearNote')}
              description={t('acceptance.conflict.clearHelp')}
              required
              autosize
              minRows={2}
              value={note}
              onChange={(e) => {
                setNote(e.currentTarget.value);
                setNoteError(undefined);
              }}
              error={noteError}
            />
            <Group>
              <Button type="submit" color="red.9" loading={clear.isPending}>
                {t('acceptance.conflict.clear')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </StepCard>
  );
}

function DecisionForm({ data }: { data: MatterAcceptance }) {
  const { t } = useTranslation();
  const refresh = useRefreshMatter(data.matter.id);
  const representatives = useQuery(representativesOptions);
  const form = useFormState({ outcome: 'accepted' as AcceptanceOutcome, criteria: [] as string[], reason: '', representativeId: data.matter.representative?.id ?? '' });
  const decide = useMutation({
    mutationFn: (body: MatterDecisionRequest) => acceptanceApi.decide(data.matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('acceptance.decision.decided'));
      await refresh();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const accepting = form.values.outcome === 'accepted';
    const parsed = MatterDecisionRequest.safeParse({
      outcome: form.values.outcome,
      criteria: form.values.criteria,
      reason: emptyToUndefined(form.values.reason),
      representativeId: accepting ? form.values.representativeId || undefined : undefined,
      version: data.matter.version,
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    decide.mutate(parsed.data);
  }
  const accepting = form.values.outcome === 'accepted';
  const fieldErrors = Object.keys(form.errors).filter((k) => ['outcome', 'criteria', 'reason', 'representativeId'].includes(k));
  const otherError = Object.entries(form.errors).find(([k]) => !['outcome', 'criteria', 'reason', 'representativeId'].includes(k))?.[1];
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={decide.isError && Object.keys(form.errors).length === 0 ? decide.error : null} />
        {otherError && fieldErrors.length === 0 ? (
          <Alert color="red" variant="light" role="alert">
            {otherError}
          </Alert>
        ) : null}
        <div>
          <Text size="sm" fw={500} id="acceptance-outcome-label">
            {t('acceptance.decision.outcome')}
          </Text>
          <SegmentedControl
            aria-labelledby="acceptance-outcome-label"
            fullWidth
            data={[
              { value: 'accepted', label: t('acceptance.decision.accept') },
              { value: 'declined', label: t('acceptance.decision.decline') },
            ]}
            value={form.values.outcome}
            onChange={(value) => form.setField('outcome', value as AcceptanceOutcome)}
          />
        </div>
        <Checkbox.Group
          label={accepting ? t('acceptance.decision.criteriaAccepted') : t('acceptance.decision.criteriaDeclined')}
          value={form.values.criteria}
          onChange={(value) => form.setField('criteria', value)}
          error={form.errors.criteria}
          required={accepting}
        >
          <Stack gap={6} mt={6}>
            {data.selectionCriteria.map((code) => (
              <Checkbox key={code} value={code} label={criterionLabel(code, t)} />
            ))}
          </Stack>
        </Checkbox.Group>
        {accepting ? (
          <NativeSelect
            label={t('acceptance.decision.representative')}
            description={t('acceptance.decision.representativeHelp')}
            required
            data={[
              { value: '', label: '' },
              ...(representatives.data?.items ?? []).map((r) => ({ value: r.id, label: r.name })),
              ...(data.matter.representative && !representatives.data?.items.some((r) => r.id === data.matter.representative?.id)
                ? [{ value: data.matter.representative.id, label: data.matter.representative.name }]
                : []),
            ]}
            value={form.values.representativeId}
            onChange={(e) => form.setField('representativeId', e.currentTarget.value)}
            error={form.errors.representativeId}
          />
        ) : null}
        <Textarea
          label={t('acceptance.decision.reason')}
          required={!accepting}
          autosize
          minRows={2}
          value={form.values.reason}
          onChange={(e) => form.setField('reason', e.currentTarget.value)}
          error={form.errors.reason}
        />
        <Group>
          <Button type="submit" color={accepting ? undefined : 'red.9'} loading={decide.isPending}>
            {t('acceptance.decision.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DecisionStep({ data, readOnly }: StepProps) {
  const { t } = useTranslation();
  const decision = data.decision;
  const inScreening = data.matter.status === 'screening';
  const state = decision ? 'done' : inScreening && !data.callerIsSupervisingAttorney ? 'attention' : 'todo';
  return (
    <StepCard title={t('acceptance.steps.decision')} state={state} label={t(`acceptance.stepStatus.${state}`)}>
      {decision ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t(decision.outcome === 'accepted' ? 'acceptance.decision.acceptedBy' : 'acceptance.decision.declinedBy', { name: decision.decidedBy.name, date: formatDate(decision.decidedAt) })}
          </Text>
          {decision.criteria.length > 0 ? (
            <List size="sm" spacing={2}>
              {decision.criteria.map((code) => (
                <List.Item key={code}>{criterionLabel(code, t)}</List.Item>
              ))}
            </List>
          ) : null}
          {decision.reason ? (
            <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-line' }}>
              {decision.reason}
            </Text>
          ) : null}
          {data.matter.representative ? (
            <Text size="sm">
              {t('acceptance.decision.representative')}: {data.matter.representative.name}
            </Text>
          ) : null}
          {decision.outcome === 'declined' ? (
            <Group mt="xs">
              <Button
                variant="default"
                leftSection={<IconPrinter size={16} aria-hidden="true" />}
                renderRoot={(props) => <Link to="/matters/$matterId/declination-letter" params={{ matterId: data.matter.id }} {...props} />}
              >
                {t('acceptance.decision.printDeclination')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : inScreening && !readOnly ? (
        data.callerIsSupervisingAttorney ? (
          <>
            {!data.screening || !data.conflictCheck ? (
              <Text size="sm" c="dimmed">
                {t('acceptance.decision.needsScreening')}
              </Text>
            ) : null}
            <DecisionForm data={data} />
          </>
        ) : (
          <Text size="sm">{t('acceptance.decision.supervisingOnly')}</Text>
        )
      ) : null}
    </StepCard>
  );
}

function AgreementStep({ data, readOnly }: StepProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const refresh = useRefreshMatter(data.matter.id);
  const agreement = data.agreement;
  const open = data.matter.status === 'open';
  const editable = !readOnly && open && can('matter.manage');
  const form = useFormState({ scope: agreement?.scope ?? '', feeDollars: (agreement ? agreement.feeCents / 100 : '') as number | '', feeNote: agreement?.feeNote ?? '' });
  const signForm = useFormState({ clientSignedOn: todayIsoDate(), orgSignedOn: todayIsoDate() });
  const generate = useMutation({
    mutationFn: (body: GenerateAgreementRequest) => acceptanceApi.generateAgreement(data.matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('acceptance.agreement.generated'));
      await refresh();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  const sign = useMutation({
    mutationFn: (body: SignAgreementRequest) => acceptanceApi.signAgreement(data.matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('acceptance.agreement.signedOk'));
      await refresh();
    },
    onError: (error) => signForm.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = GenerateAgreementRequest.safeParse({
      scope: form.values.scope,
      feeCents: form.values.feeDollars === '' ? 0 : Math.round(form.values.feeDollars * 100),
      feeNote: emptyToUndefined(form.values.feeNote),
      version: data.matter.version,
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    generate.mutate(parsed.data);
  }
  function submitSign(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = SignAgreementRequest.safeParse({ ...signForm.values, version: data.matter.version });
    if (!parsed.success) {
      signForm.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    sign.mutate(parsed.data);
  }
  const state = agreement?.signed ? 'done' : open ? 'todo' : 'waiting';
  return (
    <StepCard title={t('acceptance.steps.agreement')} state={state} label={t(`acceptance.stepStatus.${state}`)}>
      {!open && !agreement ? (
        <Text size="sm" c="dimmed">
          {t('acceptance.agreement.onlyOpen')}
        </Text>
      ) : null}
      {agreement ? (
        <Stack gap={4}>
          <Text size="sm">
            {t('acceptance.agreement.summary', { fee: formatMoney(agreement.feeCents, currentLocale()), date: formatDate(agreement.generatedAt), name: agreement.generatedBy.name })}
          </Text>
          <Text size="sm">
            {t('acceptance.agreement.language')}: {NATIVE_LANGUAGE_NAMES[agreement.language]}
          </Text>
          <Text size="sm" fw={600}>
            {agreement.signed && agreement.clientSignedOn && agreement.orgSignedOn
              ? t('acceptance.agreement.signed', { client: formatCalendarDate(agreement.clientSignedOn), name: agreement.orgSignedBy?.name ?? '', org: formatCalendarDate(agreement.orgSignedOn) })
              : t('acceptance.agreement.unsigned')}
          </Text>
          <Group mt="xs">
            <Button
              variant="default"
              leftSection={<IconPrinter size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/matters/$matterId/agreement" params={{ matterId: data.matter.id }} {...props} />}
            >
              {t('acceptance.agreement.print')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {editable && !agreement?.signed ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FormError error={generate.isError && Object.keys(form.errors).length === 0 ? generate.error : null} />
            <Textarea
              label={t('acceptance.agreement.scope')}
              description={t('acceptance.agreement.scopeHelp')}
              required
              autosize
              minRows={3}
              value={form.values.scope}
              onChange={(e) => form.setField('scope', e.currentTarget.value)}
              error={form.errors.scope}
            />
            <Group grow align="flex-start" wrap="wrap">
              <NumberInput
                label={t('acceptance.agreement.fee')}
                min={0}
                decimalScale={2}
                value={form.values.feeDollars}
                onChange={(value) => form.setField('feeDollars', typeof value === 'number' ? value : '')}
                error={form.errors.feeCents}
                style={{ minWidth: '10rem' }}
              />
              <TextInput label={t('acceptance.agreement.feeNote')} value={form.values.feeNote} onChange={(e) => form.setField('feeNote', e.currentTarget.value)} error={form.errors.feeNote} style={{ minWidth: '12rem' }} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('acceptance.agreement.language')}: {NATIVE_LANGUAGE_NAMES[data.client.documentLanguage]}
            </Text>
            <Group>
              <Button type="submit" variant={agreement ? 'default' : 'filled'} loading={generate.isPending}>
                {agreement ? t('acceptance.agreement.regenerate') : t('acceptance.agreement.generate')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      {editable && agreement && !agreement.signed ? (
        <form onSubmit={submitSign} noValidate>
          <Stack gap="sm">
            <FormError error={sign.isError && Object.keys(signForm.errors).length === 0 ? sign.error : null} />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                type="date"
                label={t('acceptance.agreement.clientSignedOn')}
                required
                max={todayIsoDate()}
                value={signForm.values.clientSignedOn}
                onChange={(e) => signForm.setField('clientSignedOn', e.currentTarget.value)}
                error={signForm.errors.clientSignedOn}
                classNames={{ input: 'ltr-value' }}
                style={{ minWidth: '10rem' }}
              />
              <TextInput
                type="date"
                label={t('acceptance.agreement.orgSignedOn')}
                required
                max={todayIsoDate()}
                value={signForm.values.orgSignedOn}
                onChange={(e) => signForm.setField('orgSignedOn', e.currentTarget.value)}
                error={signForm.errors.orgSignedOn}
                classNames={{ input: 'ltr-value' }}
                style={{ minWidth: '10rem' }}
              />
            </Group>
            <Group>
              <Button type="submit" loading={sign.isPending}>
                {t('acceptance.agreement.sign')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </StepCard>
  );
}

/**
 * Case acceptance, step by step (seed 002): screening, the conflict check against every matter
 * of the organization (hits told only as far as the reader may know), the supervising attorney's
 * decision with the program's selection criteria, and the client services agreement.
 */
export function AcceptanceTab({ matterId, readOnly }: MatterTabProps) {
  const { t } = useTranslation();
  const query = useQuery(matterAcceptanceOptions(matterId));
  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const data = query.data;
  // Keyed by version: after each step the forms start again from what the server holds.
  const key = `${data.matter.id}:${data.matter.version}`;
  return (
    <Stack gap="md" aria-label={t('acceptance.title')}>
      <ScreeningStep key={`s${key}`} data={data} readOnly={readOnly} />
      <ConflictStep key={`c${key}`} data={data} readOnly={readOnly} />
      <DecisionStep key={`d${key}`} data={data} readOnly={readOnly} />
      <AgreementStep key={`a${key}`} data={data} readOnly={readOnly} />
    </Stack>
  );
}
