import { useMemo, useState, type FormEvent } from 'react';
import { Badge, Button, Collapse, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AssessmentHistoryResponse, CreateAssessmentRequest, isDefaultDomain, SCORE_MAX, SCORE_MIN } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import type { CaseTabProps } from '../cases/case-tab';
import { caseKeys } from '../cases/cases-api';
import { usePermissions } from '../session/session-api';
import { type Assessment, assessmentKeys, assessmentsApi, caseAssessmentsOptions, domainLabel, type Instrument, instrumentsOptions } from './assessments-api';
import { ScoreChart } from './score-chart';

const SCORES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

interface ScoreDraft {
  score: number | null;
  strengths: string;
  barriers: string;
}

function NewAssessmentForm({ caseId, clientId, instruments, onDone }: { caseId: string; clientId: string; instruments: Instrument[]; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const offered = instruments.filter((i) => i.active && i.current);
  const [instrumentId, setInstrumentId] = useState(offered[0]?.id ?? '');
  const instrument = offered.find((i) => i.id === instrumentId);
  const [assessedOn, setAssessedOn] = useState(todayIsoDate());
  const [scores, setScores] = useState<Record<string, ScoreDraft>>({});
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const record = useMutation({
    mutationFn: (body: CreateAssessmentRequest) => assessmentsApi.record(caseId, body),
    onSuccess: async () => {
      notifySuccess(t('assessments.saved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: assessmentKeys.ofCase(caseId) }),
        queryClient.invalidateQueries({ queryKey: assessmentKeys.history(clientId) }),
        queryClient.invalidateQueries({ queryKey: ['plans', caseId] }),
        // The stage guard counts the case's assessments.
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
      ]);
      onDone();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  if (!instrument) {
    return null;
  }
  const draftOf = (key: string): ScoreDraft => scores[key] ?? { score: null, strengths: '', barriers: '' };
  const update = (key: string, change: Partial<ScoreDraft>) => setScores((all) => ({ ...all, [key]: { ...draftOf(key), ...change } }));

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const missing = instrument!.domains.findIndex((d) => draftOf(d.key).score === null);
    if (missing >= 0) {
      setErrors({ [`scores.${missing}.score`]: t('assessments.scoreEveryDomain') });
      return;
    }
    const parsed = CreateAssessmentRequest.safeParse({
      instrumentId,
      assessedOn,
      scores: instrument!.domains.map((d) => {
        const draft = draftOf(d.key);
        return { domain: d.key, score: draft.score, strengths: draft.strengths || undefined, barriers: draft.barriers || undefined };
      }),
      summary: summary.trim() || undefined,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    record.mutate(parsed.data);
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="new-assessment-heading">
      <Stack>
        <Title order={3} size="h5" id="new-assessment-heading">
          {t('assessments.newAssessment')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('assessments.instrument')}
            value={instrumentId}
            onChange={(e) => setInstrumentId(e.currentTarget.value)}
            data={offered.map((i) => ({ value: i.id, label: t('assessments.instrumentVersion', { name: i.name, version: i.version }) }))}
            error={errors.instrumentId}
          />
          <TextInput type="date" label={t('assessments.assessedOn')} value={assessedOn} onChange={(e) => setAssessedOn(e.currentTarget.value)} error={errors.assessedOn} required />
        </SimpleGrid>
        {errors.scores ? (
          <Text c="red.8" size="sm" role="alert">
            {errors.scores}
          </Text>
        ) : null}
        {instrument.domains.map((domain, index) => {
          const draft = draftOf(domain.key);
          const label = domainLabel(domain, t);
          return (
            <Paper key={domain.key} withBorder p="sm">
              <Stack gap="xs">
                <Radio.Group
                  label={label}
                  value={draft.score === null ? '' : String(draft.score)}
                  onChange={(value) => update(domain.key, { score: Number(value) })}
                  error={errors[`scores.${index}.score`] ?? errors[`scores.${index}.domain`]}
                  required
                >
                  <Group gap="md" mt={4}>
                    {SCORES.map((score) => (
                      <Radio key={score} value={String(score)} label={t(`assessments.scoreLabels.${score}` as 'assessments.scoreLabels.1')} />
                    ))}
                  </Group>
                </Radio.Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Textarea
                    label={`${t('assessments.strengths')} · ${label}`}
                    autosize
                    minRows={1}
                    maxLength={2000}
                    value={draft.strengths}
                    onChange={(e) => update(domain.key, { strengths: e.currentTarget.value })}
                    error={errors[`scores.${index}.strengths`]}
                  />
                  <Textarea
                    label={`${t('assessments.barriers')} · ${label}`}
                    autosize
                    minRows={1}
                    maxLength={2000}
                    value={draft.barriers}
                    onChange={(e) => update(domain.key, { barriers: e.currentTarget.value })}
                    error={errors[`scores.${index}.barriers`]}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          );
        })}
        <Textarea label={t('assessments.summary')} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.summary} />
        <FormError error={record.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('assessments.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('assessments.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AssessmentCard({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const average = assessment.scores.reduce((n, s) => n + s.score, 0) / Math.max(1, assessment.scores.length);
  const labels = new Map(assessment.instrument.domains.map((d) => [d.key, domainLabel(d, t)]));
  const detailsId = `assessment-${assessment.id}-details`;
  return (
    <Paper withBorder p="sm" component="article" aria-label={t('assessments.recordedOn', { date: formatCalendarDate(assessment.assessedOn) })}>
      <Group justify="space-between" gap="xs">
        <Stack gap={2}>
          <Text fw={600}>{t('assessments.recordedOn', { date: formatCalendarDate(assessment.assessedOn) })}</Text>
          <Text size="sm" c="dimmed">
            {t('assessments.instrumentVersion', { name: assessment.instrument.name, version: assessment.instrument.version })}
          </Text>
        </Stack>
        <Group gap="xs">
          <Badge variant="light" color="blue.9">
            {t('assessments.average', { value: average.toFixed(1) })}
          </Badge>
          <Button variant="subtle" size="compact-sm" onClick={() => setOpen((v) => !v)} aria-expanded={open} aria-controls={detailsId}>
            {t('assessments.showDetails')}
          </Button>
        </Group>
      </Group>
      <Collapse expanded={open} id={detailsId}>
        <Stack gap="xs" mt="sm">
          {assessment.summary ? (
            <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {assessment.summary}
            </Text>
          ) : null}
          {assessment.scores.map((score) => (
            <Paper key={score.domain} withBorder p="xs">
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>
                  {labels.get(score.domain) ?? score.domain}
                </Text>
                <Text size="sm">{t(`assessments.scoreLabels.${score.score}` as 'assessments.scoreLabels.1')}</Text>
              </Group>
              {score.strengths ? (
                <Text size="sm" dir="auto">
                  <Text span fw={600}>
                    {t('assessments.strengths')}:
                  </Text>{' '}
                  {score.strengths}
                </Text>
              ) : null}
              {score.barriers ? (
                <Text size="sm" dir="auto">
                  <Text span fw={600}>
                    {t('assessments.barriers')}:
                  </Text>{' '}
                  {score.barriers}
                </Text>
              ) : null}
            </Paper>
          ))}
        </Stack>
      </Collapse>
    </Paper>
  );
}

/** The case's scores in the chart's shape, oldest first. */
function historyOf(items: Assessment[], clientId: string): AssessmentHistoryResponse {
  const ordered = [...items].reverse();
  const domains = new Map<string, AssessmentHistoryResponse['domains'][number]>();
  for (const assessment of ordered) {
    for (const domain of assessment.instrument.domains) {
      const known = domains.get(domain.key);
      domains.set(domain.key, { key: domain.key, label: domain.label, isDefault: isDefaultDomain(domain), points: known?.points ?? [] });
    }
    for (const score of assessment.scores) {
      domains.get(score.domain)?.points.push({ assessedOn: assessment.assessedOn, score: score.score });
    }
  }
  return { clientId, assessedOn: ordered.map((a) => a.assessedOn), domains: [...domains.values()].filter((d) => d.points.length > 0) };
}

/** The case page's Assessments tab: the scores over time, each assessment, and a new one. */
export function AssessmentsTab({ caseId, clientId, readOnly }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [adding, setAdding] = useState(false);
  const assessments = useQuery(caseAssessmentsOptions(caseId));
  const mayRecord = can('case.manage') && !readOnly;
  const instruments = useQuery({ ...instrumentsOptions(), enabled: mayRecord });
  const history = useMemo(() => historyOf(assessments.data?.items ?? [], clientId), [assessments.data, clientId]);

  if (assessments.isPending) {
    return <LoadingState />;
  }
  if (assessments.isError) {
    return <ErrorState error={assessments.error} onRetry={() => void assessments.refetch()} />;
  }
  const items = assessments.data.items;
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h4">
          {t('assessments.title')}
        </Title>
        {mayRecord && !adding ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)} disabled={!instruments.data}>
            {t('assessments.newAssessment')}
          </Button>
        ) : null}
      </Group>
      {adding && instruments.data ? <NewAssessmentForm caseId={caseId} clientId={clientId} instruments={instruments.data.items} onDone={() => setAdding(false)} /> : null}
      {items.length === 0 ? (
        <EmptyState>{t('assessments.empty')}</EmptyState>
      ) : (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="case-score-chart-heading">
            <Title order={3} size="h5" id="case-score-chart-heading" mb="sm">
              {t('assessments.chart.title')}
            </Title>
            <ScoreChart key={history.assessedOn.length} history={history} />
          </Paper>
          <Stack gap="sm">
            {items.map((assessment) => (
              <AssessmentCard key={assessment.id} assessment={assessment} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
