import { useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Badge, Button, Divider, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus, IconPrinter, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type Locale, type PlanStatus, SUPPORTED_LOCALES, UpdatePlanRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { describeError, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { NATIVE_LANGUAGE_NAMES } from '../../app/i18n';
import { formatCalendarDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { caseAssessmentsOptions, domainLabel } from '../assessments/assessments-api';
import type { CaseTabProps } from '../cases/case-tab';
import { caseKeys } from '../cases/cases-api';
import { usePermissions } from '../session/session-api';
import { type Plan, casePlansOptions, planKeys, plansApi } from './plans-api';

/** Shades whose white text measures at least 4.5:1 (orange.9 measures 4.3:1). */
const STATUS_COLORS: Record<PlanStatus, string> = { draft: 'gray.7', submitted: 'blue.9', approved: 'teal.9', superseded: 'gray.7' };

interface StepDraft {
  id?: string;
  what: string;
  ownerKind: 'client' | 'case_manager' | 'other';
  ownerName: string;
  dueOn: string;
  doneOn: string;
}
interface GoalDraft {
  id?: string;
  what: string;
  measure: string;
  target: string;
  dueOn: string;
  domain: string;
  barrier: string;
  status: 'open' | 'achieved' | 'dropped';
  steps: StepDraft[];
}
interface PlanDraft {
  startsOn: string;
  reviewOn: string;
  goals: GoalDraft[];
  barriers: { barrier: string; strategy: string; domain: string }[];
  strengths: { strength: string; buildOn: string; domain: string }[];
  budget: { item: string; fundingSource: string; amount: string }[];
}

function toDraft(plan: Plan): PlanDraft {
  return {
    startsOn: plan.startsOn,
    reviewOn: plan.reviewOn ?? '',
    goals: plan.goals.map((g) => ({
      ...g,
      barrier: g.barrier ?? '',
      steps: g.steps.map((s) => ({ ...s, ownerName: s.ownerName ?? '', doneOn: s.doneOn ?? '' })),
    })),
    barriers: plan.barriers.map((b) => ({ ...b, domain: b.domain ?? '' })),
    strengths: plan.strengths.map((s) => ({ ...s, domain: s.domain ?? '' })),
    budget: plan.budget.map((b) => ({ item: b.item, fundingSource: b.fundingSource, amount: (b.amountCents / 100).toFixed(2) })),
  };
}

function toRequest(draft: PlanDraft, version: number) {
  const cents = (amount: string) => {
    const value = Number(amount.replace(',', '.'));
    return Number.isFinite(value) ? Math.round(value * 100) : Number.NaN;
  };
  return {
    startsOn: draft.startsOn,
    reviewOn: draft.reviewOn || undefined,
    goals: draft.goals.map((g) => ({
      ...(g.id ? { id: g.id } : {}),
      what: g.what,
      measure: g.measure,
      target: g.target,
      dueOn: g.dueOn,
      domain: g.domain,
      barrier: g.barrier || undefined,
      status: g.status,
      steps: g.steps.map((s) => ({
        ...(s.id ? { id: s.id } : {}),
        what: s.what,
        ownerKind: s.ownerKind,
        ownerName: s.ownerName || undefined,
        dueOn: s.dueOn,
        doneOn: s.doneOn || undefined,
      })),
    })),
    barriers: draft.barriers.map((b) => ({ barrier: b.barrier, strategy: b.strategy, domain: b.domain || undefined })),
    strengths: draft.strengths.map((s) => ({ strength: s.strength, buildOn: s.buildOn, domain: s.domain || undefined })),
    budget: draft.budget.map((b) => ({ item: b.item, fundingSource: b.fundingSource, amountCents: cents(b.amount) })),
    version,
  };
}

function money(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);
}

function clientPrintLocale(language: string | null): Locale {
  const base = language?.toLowerCase().split('-')[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}

/** A titled group of repeated rows with an add button. */
function Section({ title, onAdd, addLabel, children }: { title: string; onAdd?: () => void; addLabel: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        {onAdd ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={onAdd}>
            {addLabel}
          </Button>
        ) : null}
      </Group>
      {children}
    </Stack>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red.9" aria-label={label} title={label} onClick={onClick}>
      <IconTrash size={16} aria-hidden="true" />
    </ActionIcon>
  );
}

function PlanEditor({ caseId, plan, domains }: { caseId: string; plan: Plan; domains: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PlanDraft>(() => toDraft(plan));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState(false);
  const domainOptions = [{ value: '', label: t('plans.noDomain') }, ...domains];

  // A plan put in force (no approval needed) lets the case move on: the stage guard reads it.
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: planKeys.ofCase(caseId) }), queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) })]);
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 409 && 'version' in error.fields) {
      setConflict(true);
      return;
    }
    setErrors(serverFieldErrors(error, t));
    notifyError(describeError(error, t));
  };
  const validated = () => {
    const parsed = UpdatePlanRequest.safeParse(toRequest(draft, plan.version));
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return null;
    }
    setErrors({});
    return parsed.data;
  };
  const save = useMutation({
    mutationFn: async (then: 'save' | 'submit') => {
      const body = validated();
      if (!body) {
        return null;
      }
      const saved = await plansApi.save(caseId, plan.id, body);
      return then === 'submit' ? plansApi.submit(caseId, plan.id, saved.version) : saved;
    },
    onSuccess: async (result) => {
      if (!result) {
        return;
      }
      notifySuccess(result.status === 'draft' ? t('plans.saved') : result.status === 'approved' ? t('plans.approvedNow') : t('plans.submitted'));
      await refresh();
    },
    onError,
  });

  const set = (change: Partial<PlanDraft>) => setDraft((d) => ({ ...d, ...change }));
  const setGoal = (g: number, change: Partial<GoalDraft>) => set({ goals: draft.goals.map((goal, i) => (i === g ? { ...goal, ...change } : goal)) });
  const setStep = (g: number, s: number, change: Partial<StepDraft>) =>
    setGoal(g, { steps: draft.goals[g]!.steps.map((step, i) => (i === s ? { ...step, ...change } : step)) });
  const err = (path: string) => errors[path];

  if (conflict) {
    return (
      <Alert color="orange.9" title={t('plans.conflictTitle')} role="alert">
        <Stack gap="sm">
          <Text size="sm">{t('plans.conflictBody')}</Text>
          <Group>
            <Button
              onClick={async () => {
                await refresh();
                setConflict(false);
              }}
            >
              {t('plans.reload')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
    <Stack gap="md">
      {plan.returnNote ? (
        <Alert color="orange.9" variant="light">
          <Text size="sm" dir="auto">
            {t('plans.returnedWithNote', { note: plan.returnNote })}
          </Text>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" label={t('plans.startsOn')} value={draft.startsOn} onChange={(e) => set({ startsOn: e.currentTarget.value })} error={err('startsOn')} required />
        <TextInput type="date" label={t('plans.reviewOn')} value={draft.reviewOn} onChange={(e) => set({ reviewOn: e.currentTarget.value })} error={err('reviewOn')} />
      </SimpleGrid>

      <Section
        title={t('plans.goals')}
        addLabel={t('plans.addGoal')}
        onAdd={() =>
          set({
            goals: [...draft.goals, { what: '', measure: '', target: '', dueOn: draft.startsOn, domain: domains[0]?.value ?? '', barrier: '', status: 'open', steps: [] }],
          })
        }
      >
        {err('goals') ? (
          <Text c="red.8" size="sm" role="alert">
            {err('goals')}
          </Text>
        ) : null}
        {draft.goals.length === 0 ? <Text c="dimmed">{t('plans.noGoals')}</Text> : null}
        {draft.goals.map((goal, g) => (
          <Paper key={goal.id ?? `new-${g}`} withBorder p="sm" component="fieldset" style={{ minInlineSize: 0 }}>
            <Group justify="space-between" component="legend" gap="xs" w="100%">
              <Text fw={600}>{t('plans.goalN', { n: g + 1 })}</Text>
            </Group>
            <Stack gap="xs">
              <Group justify="flex-end">
                <RemoveButton label={t('plans.removeGoal', { n: g + 1 })} onClick={() => set({ goals: draft.goals.filter((_, i) => i !== g) })} />
              </Group>
              <Textarea label={t('plans.what')} autosize minRows={1} value={goal.what} onChange={(e) => setGoal(g, { what: e.currentTarget.value })} error={err(`goals.${g}.what`)} required />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('plans.measure')} value={goal.measure} onChange={(e) => setGoal(g, { measure: e.currentTarget.value })} error={err(`goals.${g}.measure`)} required />
                <TextInput label={t('plans.target')} value={goal.target} onChange={(e) => setGoal(g, { target: e.currentTarget.value })} error={err(`goals.${g}.target`)} required />
                <TextInput type="date" label={t('plans.dueOn')} value={goal.dueOn} onChange={(e) => setGoal(g, { dueOn: e.currentTarget.value })} error={err(`goals.${g}.dueOn`)} required />
                <NativeSelect label={t('plans.domain')} data={domains} value={goal.domain} onChange={(e) => setGoal(g, { domain: e.currentTarget.value })} error={err(`goals.${g}.domain`)} required />
                <TextInput label={t('plans.barrier')} value={goal.barrier} onChange={(e) => setGoal(g, { barrier: e.currentTarget.value })} error={err(`goals.${g}.barrier`)} />
                <NativeSelect
                  label={t('plans.goalStatus')}
                  data={(['open', 'achieved', 'dropped'] as const).map((s) => ({ value: s, label: t(`plans.goalStatuses.${s}`) }))}
                  value={goal.status}
                  onChange={(e) => setGoal(g, { status: e.currentTarget.value as GoalDraft['status'] })}
                />
              </SimpleGrid>
              <Divider />
              <Section
                title={t('plans.steps')}
                addLabel={t('plans.addStep')}
                onAdd={() => setGoal(g, { steps: [...goal.steps, { what: '', ownerKind: 'client', ownerName: '', dueOn: goal.dueOn, doneOn: '' }] })}
              >
                {goal.steps.map((step, s) => (
                  <Paper key={step.id ?? `new-${s}`} withBorder p="xs" bg="gray.0" aria-label={t('plans.stepN', { n: s + 1, goal: g + 1 })} role="group">
                    <Stack gap="xs">
                      <Group justify="space-between" gap="xs" wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {t('plans.stepN', { n: s + 1, goal: g + 1 })}
                        </Text>
                        <RemoveButton label={t('plans.removeStep', { n: s + 1 })} onClick={() => setGoal(g, { steps: goal.steps.filter((_, i) => i !== s) })} />
                      </Group>
                      <TextInput label={t('plans.what')} value={step.what} onChange={(e) => setStep(g, s, { what: e.currentTarget.value })} error={err(`goals.${g}.steps.${s}.what`)} required />
                      <SimpleGrid cols={{ base: 1, sm: 2 }}>
                        <NativeSelect
                          label={t('plans.owner')}
                          data={(['client', 'case_manager', 'other'] as const).map((o) => ({ value: o, label: t(`plans.owners.${o}`) }))}
                          value={step.ownerKind}
                          onChange={(e) => setStep(g, s, { ownerKind: e.currentTarget.value as StepDraft['ownerKind'] })}
                        />
                        <TextInput label={t('plans.ownerName')} value={step.ownerName} onChange={(e) => setStep(g, s, { ownerName: e.currentTarget.value })} error={err(`goals.${g}.steps.${s}.ownerName`)} />
                        <TextInput type="date" label={t('plans.dueOn')} value={step.dueOn} onChange={(e) => setStep(g, s, { dueOn: e.currentTarget.value })} error={err(`goals.${g}.steps.${s}.dueOn`)} required />
                        <TextInput type="date" label={t('plans.doneOn')} value={step.doneOn} onChange={(e) => setStep(g, s, { doneOn: e.currentTarget.value })} error={err(`goals.${g}.steps.${s}.doneOn`)} />
                      </SimpleGrid>
                    </Stack>
                  </Paper>
                ))}
              </Section>
            </Stack>
          </Paper>
        ))}
      </Section>

      <Section title={t('plans.barriers')} addLabel={t('plans.addBarrier')} onAdd={() => set({ barriers: [...draft.barriers, { barrier: '', strategy: '', domain: '' }] })}>
        {draft.barriers.map((b, i) => (
          <Paper key={i} withBorder p="xs" role="group" aria-label={t('plans.barrierN', { n: i + 1 })}>
            <Group align="flex-start" gap="xs" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }}>
                <TextInput label={t('plans.barrierN', { n: i + 1 })} value={b.barrier} onChange={(e) => set({ barriers: draft.barriers.map((x, j) => (j === i ? { ...x, barrier: e.currentTarget.value } : x)) })} error={err(`barriers.${i}.barrier`)} required />
                <TextInput label={t('plans.strategy')} value={b.strategy} onChange={(e) => set({ barriers: draft.barriers.map((x, j) => (j === i ? { ...x, strategy: e.currentTarget.value } : x)) })} error={err(`barriers.${i}.strategy`)} required />
                <NativeSelect label={t('plans.domain')} data={domainOptions} value={b.domain} onChange={(e) => set({ barriers: draft.barriers.map((x, j) => (j === i ? { ...x, domain: e.currentTarget.value } : x)) })} error={err(`barriers.${i}.domain`)} />
              </SimpleGrid>
              <RemoveButton label={t('plans.removeBarrier', { n: i + 1 })} onClick={() => set({ barriers: draft.barriers.filter((_, j) => j !== i) })} />
            </Group>
          </Paper>
        ))}
      </Section>

      <Section title={t('plans.strengths')} addLabel={t('plans.addStrength')} onAdd={() => set({ strengths: [...draft.strengths, { strength: '', buildOn: '', domain: '' }] })}>
        {draft.strengths.map((s, i) => (
          <Paper key={i} withBorder p="xs" role="group" aria-label={t('plans.strengthN', { n: i + 1 })}>
            <Group align="flex-start" gap="xs" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }}>
                <TextInput label={t('plans.strengthN', { n: i + 1 })} value={s.strength} onChange={(e) => set({ strengths: draft.strengths.map((x, j) => (j === i ? { ...x, strength: e.currentTarget.value } : x)) })} error={err(`strengths.${i}.strength`)} required />
                <TextInput label={t('plans.buildOn')} value={s.buildOn} onChange={(e) => set({ strengths: draft.strengths.map((x, j) => (j === i ? { ...x, buildOn: e.currentTarget.value } : x)) })} error={err(`strengths.${i}.buildOn`)} required />
                <NativeSelect label={t('plans.domain')} data={domainOptions} value={s.domain} onChange={(e) => set({ strengths: draft.strengths.map((x, j) => (j === i ? { ...x, domain: e.currentTarget.value } : x)) })} error={err(`strengths.${i}.domain`)} />
              </SimpleGrid>
              <RemoveButton label={t('plans.removeStrength', { n: i + 1 })} onClick={() => set({ strengths: draft.strengths.filter((_, j) => j !== i) })} />
            </Group>
          </Paper>
        ))}
      </Section>

      <Section title={t('plans.budget')} addLabel={t('plans.addBudget')} onAdd={() => set({ budget: [...draft.budget, { item: '', fundingSource: '', amount: '0.00' }] })}>
        {draft.budget.map((b, i) => (
          <Paper key={i} withBorder p="xs" role="group" aria-label={t('plans.budgetN', { n: i + 1 })}>
            <Group align="flex-start" gap="xs" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }}>
                <TextInput label={t('plans.item')} value={b.item} onChange={(e) => set({ budget: draft.budget.map((x, j) => (j === i ? { ...x, item: e.currentTarget.value } : x)) })} error={err(`budget.${i}.item`)} required />
                <TextInput label={t('plans.fundingSource')} value={b.fundingSource} onChange={(e) => set({ budget: draft.budget.map((x, j) => (j === i ? { ...x, fundingSource: e.currentTarget.value } : x)) })} error={err(`budget.${i}.fundingSource`)} required />
                <TextInput label={t('plans.amount')} inputMode="decimal" value={b.amount} onChange={(e) => set({ budget: draft.budget.map((x, j) => (j === i ? { ...x, amount: e.currentTarget.value } : x)) })} error={err(`budget.${i}.amountCents`)} required />
              </SimpleGrid>
              <RemoveButton label={t('plans.removeBudget', { n: i + 1 })} onClick={() => set({ budget: draft.budget.filter((_, j) => j !== i) })} />
            </Group>
          </Paper>
        ))}
      </Section>

      <Group justify="flex-end" gap="sm">
        <Button variant="default" loading={save.isPending && save.variables === 'save'} onClick={() => save.mutate('save')}>
          {t('plans.save')}
        </Button>
        <Button loading={save.isPending && save.variables === 'submit'} onClick={() => save.mutate('submit')}>
          {t('plans.submit')}
        </Button>
      </Group>
    </Stack>
    </form>
  );
}

/** A plan as read: in force, waiting, replaced, or a draft the reader may not change. */
function PlanView({ plan, domainName }: { plan: Plan; domainName: (key: string | undefined) => string }) {
  const { t, i18n } = useTranslation();
  const total = plan.budget.reduce((n, b) => n + b.amountCents, 0);
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('plans.startsOn')}: {formatCalendarDate(plan.startsOn)}
        {plan.reviewOn ? ` · ${t('plans.reviewOn')}: ${formatCalendarDate(plan.reviewOn)}` : ''}
      </Text>
      <Title order={3} size="h5">
        {t('plans.goals')}
      </Title>
      {plan.goals.length === 0 ? <Text c="dimmed">{t('plans.noGoals')}</Text> : null}
      {plan.goals.map((goal, g) => (
        <Paper key={goal.id} withBorder p="sm">
          <Group justify="space-between" gap="xs">
            <Text fw={600} dir="auto">
              {t('plans.goalN', { n: g + 1 })}: {goal.what}
            </Text>
            <Badge variant="outline" color="gray.8">
              {t(`plans.goalStatuses.${goal.status}`)}
            </Badge>
          </Group>
          <Text size="sm" dir="auto">
            {t('plans.measure')}: {goal.measure} · {t('plans.target')}: {goal.target}
          </Text>
          <Text size="sm">
            {t('plans.dueOn')}: {formatCalendarDate(goal.dueOn)} · {t('plans.domain')}: {domainName(goal.domain)}
          </Text>
          {goal.barrier ? (
            <Text size="sm" dir="auto">
              {t('plans.barrier')}: {goal.barrier}
            </Text>
          ) : null}
          {goal.steps.length > 0 ? (
            <Stack component="ol" gap={2} mt="xs" ps="md" m={0}>
              {goal.steps.map((step) => (
                <Text component="li" key={step.id} size="sm" dir="auto">
                  {step.what} · {step.ownerKind === 'other' ? step.ownerName : t(`plans.owners.${step.ownerKind}`)} · {formatCalendarDate(step.dueOn)}
                  {step.doneOn ? ` · ${t('plans.doneOn')} ${formatCalendarDate(step.doneOn)}` : ''}
                </Text>
              ))}
            </Stack>
          ) : null}
        </Paper>
      ))}
      {plan.barriers.length > 0 ? (
        <>
          <Title order={3} size="h5">
            {t('plans.barriers')}
          </Title>
          {plan.barriers.map((b, i) => (
            <Text key={i} size="sm" dir="auto">
              {b.barrier} → {b.strategy}
            </Text>
          ))}
        </>
      ) : null}
      {plan.strengths.length > 0 ? (
        <>
          <Title order={3} size="h5">
            {t('plans.strengths')}
          </Title>
          {plan.strengths.map((s, i) => (
            <Text key={i} size="sm" dir="auto">
              {s.strength} → {s.buildOn}
            </Text>
          ))}
        </>
      ) : null}
      {plan.budget.length > 0 ? (
        <>
          <Title order={3} size="h5">
            {t('plans.budget')}
          </Title>
          {plan.budget.map((b, i) => (
            <Text key={i} size="sm" dir="auto">
              {b.item} · {b.fundingSource} · {money(b.amountCents, i18n.language)}
            </Text>
          ))}
          <Text size="sm" fw={600}>
            {t('plans.total', { amount: money(total, i18n.language) })}
          </Text>
        </>
      ) : null}
    </Stack>
  );
}

function DecisionPanel({ caseId, plan }: { caseId: string; plan: Plan }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'return') => plansApi.decide(caseId, plan.id, { decision, note: note.trim() || undefined, version: plan.version }),
    onSuccess: async (result) => {
      notifySuccess(result.status === 'approved' ? t('plans.approved') : t('plans.returned'));
      await Promise.all([queryClient.invalidateQueries({ queryKey: planKeys.ofCase(caseId) }), queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) })]);
    },
    onError: (error) => {
      setErrors(serverFieldErrors(error, t));
      notifyError(describeError(error, t));
    },
  });
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Stack gap="xs">
        <Textarea label={t('plans.returnNote')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            loading={decide.isPending && decide.variables === 'return'}
            onClick={() => {
              if (!note.trim()) {
                setErrors({ note: t('plans.errors.returnNote') });
                return;
              }
              decide.mutate('return');
            }}
          >
            {t('plans.returnToDraft')}
          </Button>
          <Button loading={decide.isPending && decide.variables === 'approve'} onClick={() => decide.mutate('approve')}>
            {t('plans.approve')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The case page's Plan tab: the newest plan (edited while a draft), decisions, printing, history. */
export function PlanTab({ caseId, clientLanguage, readOnly }: CaseTabProps) {
  const { t } = useTranslation();
  const { can, session } = usePermissions();
  const queryClient = useQueryClient();
  const plans = useQuery(casePlansOptions(caseId));
  const assessments = useQuery(caseAssessmentsOptions(caseId));
  const [printLanguage, setPrintLanguage] = useState<Locale>(clientPrintLocale(clientLanguage));
  const mayEdit = can('case.manage') && !readOnly;
  const create = useMutation({
    mutationFn: () => plansApi.create(caseId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKeys.ofCase(caseId) });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  if (plans.isPending || assessments.isPending) {
    return <LoadingState />;
  }
  if (plans.isError || assessments.isError) {
    const error = plans.error ?? assessments.error;
    return <ErrorState error={error} onRetry={() => void Promise.all([plans.refetch(), assessments.refetch()])} />;
  }
  const newestAssessment = assessments.data.items[0];
  const domainList = newestAssessment?.instrument.domains ?? [];
  const domains = domainList.map((d) => ({ value: d.key, label: domainLabel(d, t) }));
  const domainName = (key: string | undefined) => domains.find((d) => d.value === key)?.label ?? key ?? '';
  const [current, ...earlier] = plans.data.items;
  const myId = (session?.user as { id?: string } | undefined)?.id;

  const startButton = (label: string) =>
    mayEdit ? (
      <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => create.mutate()} loading={create.isPending} disabled={!newestAssessment}>
        {label}
      </Button>
    ) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Title order={2} size="h4">
            {t('plans.title')}
          </Title>
          {current ? (
            <Badge color={STATUS_COLORS[current.status]} variant="filled">
              {t(`plans.status.${current.status}`)}
            </Badge>
          ) : null}
        </Group>
        {current && (current.status === 'approved' || current.status === 'superseded') ? startButton(t('plans.replan')) : null}
      </Group>
      {readOnly ? <Alert color="gray.7">{t('plans.readOnly')}</Alert> : null}
      {!current ? (
        <Stack gap="sm">
          <EmptyState>{newestAssessment ? t('plans.empty') : t('plans.needsAssessment')}</EmptyState>
          <Group>{startButton(t('plans.newPlan'))}</Group>
        </Stack>
      ) : (
        <>
          {current.status === 'draft' && mayEdit ? (
            <PlanEditor key={`${current.id}-${current.version}`} caseId={caseId} plan={current} domains={domains} />
          ) : (
            <PlanView plan={current} domainName={domainName} />
          )}
          {current.status === 'submitted' && can('case.supervise') && !readOnly ? (
            current.submittedBy === myId ? (
              <Text size="sm" c="dimmed">
                {t('plans.ownPlan')}
              </Text>
            ) : (
              <DecisionPanel caseId={caseId} plan={current} />
            )
          ) : null}
          <Group gap="sm" align="flex-end">
            <NativeSelect
              label={t('plans.printLanguage')}
              value={printLanguage}
              onChange={(e) => setPrintLanguage(e.currentTarget.value as Locale)}
              data={SUPPORTED_LOCALES.map((l) => ({ value: l, label: NATIVE_LANGUAGE_NAMES[l] }))}
            />
            <Button
              variant="light"
              leftSection={<IconPrinter size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/cases/$caseId/plans/$planId/print" params={{ caseId, planId: current.id }} search={{ lang: printLanguage }} {...props} />}
            >
              {t('plans.print')}
            </Button>
          </Group>
        </>
      )}
      {earlier.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="plan-history-heading">
          <Title order={3} size="h5" id="plan-history-heading">
            {t('plans.history')}
          </Title>
          {earlier.map((plan) => (
            <Text key={plan.id} size="sm">
              {t('plans.historyItem', { date: formatCalendarDate(plan.startsOn), status: t(`plans.status.${plan.status}`) })}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
