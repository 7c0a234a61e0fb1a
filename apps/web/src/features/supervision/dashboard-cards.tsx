import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, formatDateTime } from '../../app/ui/format';
import { EmptyState } from '../../app/ui/states';
import { CaseAnchor } from './case-anchor';
import type { DashboardData } from './supervision-api';

type Counted<T> = { count: number; items: T[] };

function CardTitle({ children, count }: { children: ReactNode; count?: number }) {
  return (
    <Group justify="space-between" gap="xs" mb="sm" wrap="nowrap">
      <Title order={2} size="h4">
        {children}
      </Title>
      {count !== undefined ? (
        <Badge variant="light" color={count > 0 ? 'orange.9' : 'gray.8'}>
          {count}
        </Badge>
      ) : null}
    </Group>
  );
}

function CaseLink({ caseId, reference, clientName }: { caseId: string; reference: string; clientName: string }) {
  const { t } = useTranslation();
  return (
    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
      <CaseAnchor caseId={caseId} aria-label={t('supervision.openCase', { reference })}>
        <bdi>{reference}</bdi>
      </CaseAnchor>{' '}
      · <bdi>{clientName}</bdi>
    </Text>
  );
}

/** "Showing the first 50 of 73" under a capped list. */
function MoreNote({ list }: { list: Counted<unknown> }) {
  const { t } = useTranslation();
  return list.count > list.items.length ? (
    <Text size="sm" c="dimmed" mt="xs">
      {t('supervision.showingFirst', { shown: list.items.length, count: list.count })}
    </Text>
  ) : null;
}

/** Long lists open with their first few rows; the rest is one press away. */
const FIRST_ROWS = 5;

function useFirstRows<T>(items: T[]): { shown: T[]; toggle: ReactNode } {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (items.length <= FIRST_ROWS) {
    return { shown: items, toggle: null };
  }
  return {
    shown: all ? items : items.slice(0, FIRST_ROWS),
    toggle: (
      <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll(!all)} aria-expanded={all}>
        {all ? t('supervision.showFewer') : t('supervision.showAll', { count: items.length })}
      </Button>
    ),
  };
}

function ItemList({ children }: { children: ReactNode }) {
  return (
    <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {children}
    </Stack>
  );
}

export function CaseloadsCard({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const { shown, toggle } = useFirstRows(data.caseloads);
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle>{t('supervision.caseloads.title')}</CardTitle>
      {data.caseloads.length === 0 ? (
        <EmptyState>{t('supervision.caseloads.empty')}</EmptyState>
      ) : (
        <ItemList>
          {shown.map((row) => (
            <Paper component="li" key={row.caseManagerId} withBorder p="sm" radius="sm">
              <Text fw={600}>
                <bdi>{row.caseManagerName}</bdi>
              </Text>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" mt={4}>
                <Text size="sm">
                  {t('supervision.caseloads.openCases')}: <strong>{row.openCases}</strong>
                </Text>
                <Text size="sm">
                  {t('supervision.caseloads.contactDue')}: <strong>{row.contactDue}</strong>
                </Text>
                <Text size="sm" c={row.overdueTasks > 0 ? 'red.8' : undefined}>
                  {t('supervision.caseloads.overdueTasks')}: <strong>{row.overdueTasks}</strong>
                </Text>
              </SimpleGrid>
            </Paper>
          ))}
        </ItemList>
      )}
      {toggle}
    </Card>
  );
}

export function OverdueContactsCard({ data, onReview }: { data: DashboardData; onReview?: (caseId: string) => void }) {
  const { t } = useTranslation();
  const list = data.overdueContacts;
  const { shown, toggle } = useFirstRows(list.items);
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle count={list.count}>{t('supervision.overdue.title')}</CardTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {t('supervision.overdue.help')}
      </Text>
      {list.items.length === 0 ? (
        <EmptyState>{t('supervision.overdue.empty')}</EmptyState>
      ) : (
        <ItemList>
          {shown.map((item) => (
            <Paper component="li" key={item.caseId} withBorder p="sm" radius="sm">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={2} style={{ flex: '1 1 12rem', minWidth: 0 }}>
                  <CaseLink caseId={item.caseId} reference={item.caseReference} clientName={item.clientName} />
                  <Text size="sm">
                    {item.lastContactOn
                      ? t('supervision.overdue.lastContact', { date: formatCalendarDate(item.lastContactOn) })
                      : t('supervision.overdue.neverContacted', { date: formatCalendarDate(item.openedOn) })}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('supervision.overdue.caseManager', { name: item.caseManagerName })}
                  </Text>
                </Stack>
                {onReview ? (
                  <Button size="xs" variant="default" onClick={() => onReview(item.caseId)}>
                    {t('supervision.overdue.review')}
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </ItemList>
      )}
      {toggle}
      <MoreNote list={list} />
    </Card>
  );
}

function ApprovalList({ title, list, money }: { title: string; list: DashboardData['approvals']['plans']; money?: boolean }) {
  const { t, i18n } = useTranslation();
  const currency = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { style: 'currency', currency: 'USD' });
  const { shown, toggle } = useFirstRows(list.items);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Badge variant="light" color={list.count > 0 ? 'blue.9' : 'gray.8'}>
          {list.count}
        </Badge>
      </Group>
      {list.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('supervision.approvals.empty')}
        </Text>
      ) : (
        <ItemList>
          {shown.map((item) => (
            <Paper component="li" key={item.id} withBorder p="sm" radius="sm">
              <CaseLink caseId={item.caseId} reference={item.caseReference} clientName={item.clientName} />
              <Text size="sm" c="dimmed">
                {t('supervision.approvals.since', { date: formatDateTime(item.since) })}
                {money && item.amountCents !== null ? ` · ${currency.format(item.amountCents / 100)}` : ''}
              </Text>
            </Paper>
          ))}
        </ItemList>
      )}
      {toggle}
      <MoreNote list={list} />
    </Stack>
  );
}

export function ApprovalsCard({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const { plans, closures, disbursements } = data.approvals;
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle count={plans.count + closures.count + disbursements.count}>{t('supervision.approvals.title')}</CardTitle>
      <Stack gap="md">
        <ApprovalList title={t('supervision.approvals.plans')} list={plans} />
        <ApprovalList title={t('supervision.approvals.closures')} list={closures} />
        <ApprovalList title={t('supervision.approvals.disbursements')} list={disbursements} money />
      </Stack>
    </Card>
  );
}

export function RiskFlagsCard({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const list = data.riskFlags;
  const { shown, toggle } = useFirstRows(list.items);
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle count={list.count}>{t('supervision.risk.title')}</CardTitle>
      {list.items.length === 0 ? (
        <EmptyState>{t('supervision.risk.empty')}</EmptyState>
      ) : (
        <ItemList>
          {shown.map((flag) => (
            <Paper component="li" key={flag.id} withBorder p="sm" radius="sm">
              <Text fw={600} c="red.9">
                {t(`supervision.risk.kinds.${flag.kind}`)}
              </Text>
              <CaseLink caseId={flag.caseId} reference={flag.caseReference} clientName={flag.clientName} />
              <Text size="sm" c="dimmed">
                {t('supervision.risk.raisedOn', { date: formatCalendarDate(flag.raisedOn) })}
              </Text>
              {flag.safetyPlanMissing || flag.mandatoryReportMissing ? (
                <Group gap="xs" mt={4}>
                  {flag.safetyPlanMissing ? (
                    <Badge color="red.9" variant="light">
                      {t('supervision.risk.safetyPlanMissing')}
                    </Badge>
                  ) : null}
                  {flag.mandatoryReportMissing ? (
                    <Badge color="red.9" variant="light">
                      {t('supervision.risk.mandatoryReportMissing')}
                    </Badge>
                  ) : null}
                </Group>
              ) : null}
            </Paper>
          ))}
        </ItemList>
      )}
      {toggle}
      <MoreNote list={list} />
    </Card>
  );
}

export function PlansPastDueCard({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const list = data.plansPastDue;
  const { shown, toggle } = useFirstRows(list.items);
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle count={list.count}>{t('supervision.plans.title')}</CardTitle>
      {list.items.length === 0 ? (
        <EmptyState>{t('supervision.plans.empty')}</EmptyState>
      ) : (
        <ItemList>
          {shown.map((plan) => (
            <Paper component="li" key={plan.planId} withBorder p="sm" radius="sm">
              <CaseLink caseId={plan.caseId} reference={plan.caseReference} clientName={plan.clientName} />
              {plan.reviewOn && plan.reviewOn < data.asOf ? (
                <Text size="sm">{t('supervision.plans.reviewOn', { date: formatCalendarDate(plan.reviewOn) })}</Text>
              ) : null}
              {plan.goalDueOn ? <Text size="sm">{t('supervision.plans.goalDueOn', { date: formatCalendarDate(plan.goalDueOn) })}</Text> : null}
            </Paper>
          ))}
        </ItemList>
      )}
      {toggle}
      <MoreNote list={list} />
    </Card>
  );
}
