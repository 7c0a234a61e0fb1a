import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Stepper, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp, IconArrowForwardUp, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { CASE_STAGES, type CaseStage, stageIndex, stageMoveProblem } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/forms';
import { formatCalendarDate, formatDateTime } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { AssessmentsTab } from '../assessments/assessments-tab';
import { DocumentsTab } from '../case-documents/documents-tab';
import { NotesTab } from '../case-notes/notes-tab';
import { ServicesTab } from '../case-services/services-tab';
import { PlanTab } from '../plans/plan-tab';
import { RiskTab } from '../risk-flags/risk-tab';
import { RequirePermission } from '../session/require-permission';
import { CaseTasksTab } from '../tasks/case-tasks-tab';
import { StageBadge, StatusBadge } from './case-labels';
import { ClosureDialog, DecisionDialog, ReopenDialog, TransferDialog } from './case-dialogs';
import type { CaseTabProps } from './case-tab';
import { CaseTimeline } from './case-timeline';
import { type Case, caseKeys, caseOptions, casesApi } from './cases-api';

const routeApi = getRouteApi('/app/cases/$caseId');

/** The six stages, the current one marked, with the guard's answer for a step forward and back. */
function StagePanel({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const move = useMutation({
    mutationFn: (stage: CaseStage) => casesApi.moveStage(kase.id, { stage, version: kase.version }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(caseKeys.detail(kase.id), saved);
      notifySuccess(t('cases.stage.moved', { stage: t(`cases.stages.${saved.stage}`) }));
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  const index = stageIndex(kase.stage);
  const next = CASE_STAGES[index + 1];
  const previous = index > 0 ? CASE_STAGES[index - 1] : undefined;
  const facts = { status: kase.status, assessmentCount: kase.facts.assessmentCount, hasPlanInForce: kase.facts.planInForce };
  const forwardProblem = next && next !== 'closure' ? stageMoveProblem(kase.stage, next, facts) : null;
  const canMove = kase.capabilities.canManage && kase.status === 'open';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-stage-heading">
      <Title order={2} size="h4" id="case-stage-heading" mb="sm">
        {t('cases.stage.title')}
      </Title>
      <ScrollArea type="auto" offsetScrollbars>
        <Stepper active={kase.status === 'closed' ? CASE_STAGES.length : index} size="sm" iconSize={28} orientation={phone ? 'vertical' : 'horizontal'} allowNextStepsSelect={false}>
          {CASE_STAGES.map((stage) => (
            <Stepper.Step key={stage} label={t(`cases.stages.${stage}`)} aria-current={stage === kase.stage ? 'step' : undefined} />
          ))}
        </Stepper>
      </ScrollArea>
      {canMove ? (
        <Stack gap="xs" mt="sm">
          <Group gap="sm" wrap="wrap">
            {previous ? (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} aria-hidden="true" />}
                onClick={() => move.mutate(previous)}
                loading={move.isPending && move.variables === previous}
                disabled={!kase.allowedMoves.includes(previous)}
              >
                {t('cases.stage.back', { stage: t(`cases.stages.${previous}`) })}
              </Button>
            ) : null}
            {next && next !== 'closure' ? (
              <Button
                leftSection={<IconArrowForwardUp size={16} aria-hidden="true" />}
                onClick={() => move.mutate(next)}
                loading={move.isPending && move.variables === next}
                disabled={!kase.allowedMoves.includes(next)}
                aria-describedby={forwardProblem ? 'case-stage-guard' : undefined}
              >
                {t('cases.stage.forward', { stage: t(`cases.stages.${next}`) })}
              </Button>
            ) : null}
          </Group>
          {forwardProblem ? (
            <Text id="case-stage-guard" size="sm" fw={500}>
              {t(`cases.stage.problems.${forwardProblem}`)}
            </Text>
          ) : null}
          {next === 'closure' || kase.stage === 'monitoring' ? (
            <Text size="sm" c="dimmed">
              {t('cases.stage.closureHint')}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  );
}

/** A closure waiting for a decision, or the closure of a closed case. */
function ClosurePanel({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState<'approve' | 'return' | null>(null);
  const closure = kase.closure;
  if (!closure) {
    return null;
  }
  const pending = kase.status === 'closure_pending';
  // Blue, not orange: the light variant's orange title measures 3.5:1 on its tint (axe).
  return (
    <Alert color={pending ? 'blue' : 'gray'} variant="light" icon={<IconInfoCircle aria-hidden="true" />} title={t(pending ? 'cases.closurePanel.pending' : 'cases.closurePanel.closed')}>
      <Stack gap={6}>
        <Text size="sm">
          <Text span fw={600}>
            {t('cases.closure.reason')}:
          </Text>{' '}
          {t(`cases.closure.reasons.${closure.reason}`)}
          {closure.reasonDetail ? ` — ${closure.reasonDetail}` : ''}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            {t('cases.closure.closedOn')}:
          </Text>{' '}
          {formatCalendarDate(closure.closedOn)}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
          {closure.summary}
        </Text>
        <Text size="xs">{t('cases.closurePanel.requestedBy', { name: closure.requestedBy?.name ?? '', date: formatDateTime(closure.requestedAt) })}</Text>
        {closure.decidedBy && closure.decidedAt ? <Text size="xs">{t('cases.closurePanel.decidedBy', { name: closure.decidedBy.name, date: formatDateTime(closure.decidedAt) })}</Text> : null}
        {pending && kase.capabilities.canDecideClosure ? (
          <Group gap="sm" mt="xs">
            <Button size="xs" color="teal.9" onClick={() => setDeciding('approve')}>
              {t('cases.decision.approve')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setDeciding('return')}>
              {t('cases.decision.return')}
            </Button>
          </Group>
        ) : pending && kase.capabilities.canSupervise ? (
          <Text size="sm">{t('cases.closurePanel.notYourOwn')}</Text>
        ) : pending ? (
          <Text size="sm">{t('cases.closurePanel.waiting')}</Text>
        ) : null}
      </Stack>
      {deciding ? <DecisionDialog kase={kase} decision={deciding} onClose={() => setDeciding(null)} /> : null}
    </Alert>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function Overview({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
      <Fact label={t('cases.overview.stage')}>{t(`cases.stages.${kase.stage}`)}</Fact>
      <Fact label={t('cases.overview.status')}>{t(`cases.statuses.${kase.status}`)}</Fact>
      <Fact label={t('cases.overview.openedOn')}>{formatCalendarDate(kase.openedOn)}</Fact>
      <Fact label={t('cases.overview.lastContact')}>
        {kase.lastMeaningfulContactOn ? formatCalendarDate(kase.lastMeaningfulContactOn) : t('cases.overview.noContact')} ·{' '}
        {t('cases.caseload.daysSinceContact', { count: kase.daysSinceContact })}
      </Fact>
      <Fact label={t('cases.overview.assessments')}>{kase.facts.assessmentCount}</Fact>
      <Fact label={t('cases.overview.plan')}>{kase.facts.planInForce ? t('cases.overview.planInForce') : t('cases.overview.noPlan')}</Fact>
      <Fact label={t('cases.overview.caseManager')}>{kase.primaryCaseManager.name}</Fact>
      <Fact label={t('cases.overview.supervisor')}>{kase.supervisor?.name ?? t('common.none')}</Fact>
      {kase.closedOn ? <Fact label={t('cases.closure.closedOn')}>{formatCalendarDate(kase.closedOn)}</Fact> : null}
    </SimpleGrid>
  );
}

type TabKey = 'overview' | 'timeline' | 'assessments' | 'plan' | 'notes' | 'services' | 'tasks' | 'safety' | 'documents';

function CaseDetail({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useQuery(caseOptions(caseId));
  const [dialog, setDialog] = useState<'transfer' | 'closure' | 'reopen' | null>(null);
  const [tab, setTab] = useState<TabKey>('overview');
  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const kase = query.data;
  const tabProps: CaseTabProps = { caseId: kase.id, clientId: kase.client.id, clientLanguage: kase.client.preferredLanguage, readOnly: kase.status === 'closed' };
  const tabs: { key: TabKey; label: string; panel: React.ReactNode }[] = [
    { key: 'overview', label: t('cases.tabs.overview'), panel: <Overview kase={kase} /> },
    { key: 'timeline', label: t('cases.tabs.timeline'), panel: <CaseTimeline caseId={kase.id} /> },
    { key: 'assessments', label: t('cases.tabs.assessments'), panel: <AssessmentsTab {...tabProps} /> },
    { key: 'plan', label: t('cases.tabs.plan'), panel: <PlanTab {...tabProps} /> },
    { key: 'notes', label: t('cases.tabs.notes'), panel: <NotesTab {...tabProps} /> },
    { key: 'services', label: t('cases.tabs.services'), panel: <ServicesTab {...tabProps} /> },
    { key: 'tasks', label: t('cases.tabs.tasks'), panel: <CaseTasksTab {...tabProps} /> },
    { key: 'safety', label: t('cases.tabs.safety'), panel: <RiskTab {...tabProps} /> },
    { key: 'documents', label: t('cases.tabs.documents'), panel: <DocumentsTab {...tabProps} /> },
  ];

  return (
    <Stack gap="md">
      <Anchor size="sm" renderRoot={(props) => <Link to="/cases" {...props} />}>
        {t('cases.backToCaseload')}
      </Anchor>
      <PageTitle
        title={t('cases.page.title', { reference: kase.reference, name: kase.client.name })}
        description={
          <>
            <Anchor underline="always" renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: kase.client.id }} {...props} />}>
              {kase.client.name}
            </Anchor>
            {' · '}
            {kase.program.name}
            {' · '}
            {t('cases.page.workedBy', { name: kase.primaryCaseManager.name })}
          </>
        }
        actions={
          <Group gap="xs" wrap="wrap">
            <StageBadge stage={kase.stage} />
            <StatusBadge status={kase.status} />
            {kase.capabilities.canTransfer ? (
              <Button variant="default" onClick={() => setDialog('transfer')}>
                {t('cases.transfer.button')}
              </Button>
            ) : null}
            {kase.capabilities.canManage && kase.status === 'open' ? (
              <Button variant="default" color="red.9" onClick={() => setDialog('closure')}>
                {t('cases.closure.button')}
              </Button>
            ) : null}
            {kase.capabilities.canSupervise ? (
              <Button variant="default" renderRoot={(props) => <Link to="/supervision" search={{ reviewCase: kase.id }} {...props} />}>
                {t('cases.page.reviewFile')}
              </Button>
            ) : null}
            {kase.capabilities.canSupervise && kase.status === 'closed' ? <Button onClick={() => setDialog('reopen')}>{t('cases.reopen.button')}</Button> : null}
          </Group>
        }
      />
      {kase.status === 'closed' ? (
        <Text size="sm" c="dimmed">
          {t('cases.page.readOnly')}
        </Text>
      ) : null}
      <ClosurePanel kase={kase} />
      <StagePanel kase={kase} />
      <Tabs value={tab} onChange={(value) => setTab((value as TabKey | null) ?? 'overview')} keepMounted={false}>
        <ScrollArea type="auto" offsetScrollbars>
          <Tabs.List style={{ flexWrap: 'nowrap' }} aria-label={t('cases.tabs.label')}>
            {tabs.map((item) => (
              <Tabs.Tab key={item.key} value={item.key}>
                {item.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </ScrollArea>
        {tabs.map((item) => (
          <Tabs.Panel key={item.key} value={item.key} pt="md">
            {item.panel}
          </Tabs.Panel>
        ))}
      </Tabs>
      {dialog === 'transfer' ? <TransferDialog kase={kase} onClose={() => setDialog(null)} /> : null}
      {dialog === 'closure' ? <ClosureDialog kase={kase} onClose={() => setDialog(null)} /> : null}
      {dialog === 'reopen' ? <ReopenDialog kase={kase} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

export function CasePage() {
  const { caseId } = routeApi.useParams();
  return (
    <RequirePermission anyOf={['case.read']}>
      <CaseDetail key={caseId} caseId={caseId} />
    </RequirePermission>
  );
}
