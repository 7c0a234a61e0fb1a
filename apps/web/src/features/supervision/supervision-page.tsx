import { useId, type ReactNode } from 'react';
import { Badge, Card, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { programsOptions } from '../admin/admin-api';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { ApprovalsCard, CaseloadsCard, OverdueContactsCard, PlansPastDueCard, RiskFlagsCard } from './dashboard-cards';
import { ReviewCaseCard } from './review-form';
import { CaseAnchor } from './case-anchor';
import { dashboardOptions, recentReviewsOptions } from './supervision-api';

export interface SupervisionSearch {
  /** Set by the case page's "Review this case file" link. */
  reviewCase?: string;
  scope?: 'team' | 'all';
  programId?: string;
}

function RecentReviews() {
  const { t } = useTranslation();
  const headingId = useId();
  const reviews = useQuery(recentReviewsOptions(10));
  let body: ReactNode;
  if (reviews.isLoading) {
    body = <LoadingState />;
  } else if (reviews.isError) {
    body = <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />;
  } else if (!reviews.data || reviews.data.items.length === 0) {
    body = <EmptyState>{t('supervision.recent.empty')}</EmptyState>;
  } else {
    body = (
      <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {reviews.data.items.map((review) => (
          <Paper component="li" key={review.id} withBorder p="sm" radius="sm">
            <Group justify="space-between" gap="xs">
              <CaseAnchor caseId={review.caseId} fw={600}>
                <bdi>{review.caseReference}</bdi>
              </CaseAnchor>
              <Badge variant="light" color={review.findings > 0 ? 'orange.9' : 'teal.9'}>
                {t('supervision.recent.findings', { count: review.findings })}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('supervision.recent.line', { date: formatCalendarDate(review.reviewedOn), name: review.reviewerName })}
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        {t('supervision.recent.title')}
      </Title>
      {body}
    </Card>
  );
}

function SupervisionContent() {
  const { t } = useTranslation();
  const { can, session } = usePermissions();
  const search = useSearch({ strict: false }) as SupervisionSearch;
  const navigate = useNavigate();
  const defaultScope = session?.activeOrganization?.role === 'supervisor' ? 'team' : 'all';
  const scope = search.scope ?? defaultScope;
  const programs = useQuery({ ...programsOptions, enabled: can('program.read') });
  const dashboard = useQuery(dashboardOptions({ scope, programId: search.programId }));

  const setSearch = (patch: Partial<SupervisionSearch>) => {
    void navigate({ to: '/supervision', search: { ...search, ...patch } });
  };
  const reviewCase = (caseId: string | undefined) => {
    setSearch({ reviewCase: caseId });
    if (caseId) {
      document.getElementById('review-case')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  };

  return (
    <>
      <PageTitle title={t('supervision.title')} description={t('supervision.description')} />
      <Stack gap="lg">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text component="span" size="sm" fw={500} id="supervision-scope-label">
              {t('supervision.scope')}
            </Text>
            <SegmentedControl
              aria-labelledby="supervision-scope-label"
              value={scope}
              onChange={(value) => setSearch({ scope: value as 'team' | 'all' })}
              data={[
                { value: 'team', label: t('supervision.scopeTeam') },
                { value: 'all', label: t('supervision.scopeAll') },
              ]}
            />
          </Stack>
          {programs.data ? (
            <Select
              label={t('supervision.program')}
              placeholder={t('supervision.allPrograms')}
              clearable
              value={search.programId ?? null}
              onChange={(value) => setSearch({ programId: value ?? undefined })}
              data={programs.data.items.map((program) => ({ value: program.id, label: program.name }))}
              style={{ flex: '1 1 14rem', maxWidth: '22rem' }}
            />
          ) : null}
          {dashboard.data ? (
            <Text size="sm" c="dimmed">
              {t('supervision.asOf', { date: formatCalendarDate(dashboard.data.asOf) })}
            </Text>
          ) : null}
        </Group>
        {dashboard.isLoading ? <LoadingState /> : null}
        {dashboard.isError ? <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} /> : null}
        {dashboard.data ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <CaseloadsCard data={dashboard.data} />
            <OverdueContactsCard data={dashboard.data} onReview={reviewCase} />
            <ApprovalsCard data={dashboard.data} />
            <RiskFlagsCard data={dashboard.data} />
            <PlansPastDueCard data={dashboard.data} />
          </SimpleGrid>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" id="review-case">
          <ReviewCaseCard caseId={search.reviewCase} onCaseChange={(caseId) => setSearch({ reviewCase: caseId })} />
          <RecentReviews />
        </SimpleGrid>
      </Stack>
    </>
  );
}

export function SupervisionPage() {
  return (
    <RequirePermission anyOf={['case.supervise']}>
      <SupervisionContent />
    </RequirePermission>
  );
}
