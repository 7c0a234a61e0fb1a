import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CASE_STAGES, type CaseStage } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { programsOptions } from '../admin/admin-api';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { StageBadge, StatusBadge } from './case-labels';
import { type CaseFilters, type CaseItem, caseloadPagesOptions, caseStaffOptions } from './cases-api';

type Scope = 'mine' | 'supervised' | 'all';
type StatusFilter = 'open' | 'closure_pending' | 'closed' | 'all';

/** Days since contact, emphasized when the program's contact rule is not met yet this period. */
function ContactDays({ item }: { item: CaseItem }) {
  const { t } = useTranslation();
  const text = t('cases.caseload.daysSinceContact', { count: item.daysSinceContact });
  return item.contactDue ? (
    <Badge color="red.9" variant="light" title={t('cases.caseload.contactDueHint')}>
      {text} · {t('cases.caseload.contactDue')}
    </Badge>
  ) : (
    <Text size="sm">{text}</Text>
  );
}

function NextDue({ item }: { item: CaseItem }) {
  const { t } = useTranslation();
  if (!item.nextDue) {
    return <Text size="sm" c="dimmed">{t('cases.caseload.nothingDue')}</Text>;
  }
  return (
    <Text size="sm">
      {item.nextDue.title} · {formatCalendarDate(item.nextDue.dueOn)}
    </Text>
  );
}

function CaseLink({ item }: { item: CaseItem }) {
  return (
    <Anchor fw={700} renderRoot={(props) => <Link to="/cases/$caseId" params={{ caseId: item.id }} {...props} />}>
      {item.client.name}
    </Anchor>
  );
}

function CaseCards({ items }: { items: CaseItem[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Paper key={item.id} withBorder p="sm" component="li">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <CaseLink item={item} />
              <Text size="sm" c="dimmed">
                {item.reference}
              </Text>
            </Group>
            <Group gap="xs" wrap="wrap">
              <StageBadge stage={item.stage} />
              {item.status !== 'open' ? <StatusBadge status={item.status} /> : null}
            </Group>
            <Text size="sm">{item.program.name}</Text>
            <ContactDays item={item} />
            <Group gap={4} wrap="wrap">
              <Text size="sm" fw={600}>
                {t('cases.caseload.nextDue')}:
              </Text>
              <NextDue item={item} />
            </Group>
            <Text size="sm" c="dimmed">
              {t('cases.caseload.caseManager')}: {item.primaryCaseManager.name}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function CaseTable({ items }: { items: CaseItem[] }) {
  const { t } = useTranslation();
  return (
    <ScrollTable caption={t('cases.caseload.tableCaption')} minWidth={900}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('cases.caseload.client')}</Table.Th>
          <Table.Th scope="col">{t('cases.caseload.reference')}</Table.Th>
          <Table.Th scope="col">{t('cases.caseload.program')}</Table.Th>
          <Table.Th scope="col">{t('cases.caseload.stage')}</Table.Th>
          <Table.Th scope="col">{t('cases.caseload.lastContact')}</Table.Th>
          <Table.Th scope="col">{t('cases.caseload.nextDue')}</Table.Th>
          <Table.Th scope="col">{t('cases.caseload.caseManager')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <CaseLink item={item} />
            </Table.Td>
            <Table.Td>{item.reference}</Table.Td>
            <Table.Td>{item.program.name}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="wrap">
                <StageBadge stage={item.stage} />
                {item.status !== 'open' ? <StatusBadge status={item.status} /> : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <ContactDays item={item} />
            </Table.Td>
            <Table.Td>
              <NextDue item={item} />
            </Table.Td>
            <Table.Td>{item.primaryCaseManager.name}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** The caseload: a case manager's open cases, longest without contact first; supervisors can look at anyone's. */
function Caseload() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const readsAll = can('case.read_all');
  const supervises = can('case.supervise');
  const phone = useMediaQuery('(max-width: 48em)');
  const [scope, setScope] = useState<Scope>('mine');
  const [caseManagerId, setCaseManagerId] = useState<string | null>(null);
  const [programId, setProgramId] = useState<string | null>(null);
  const [stage, setStage] = useState<CaseStage | null>(null);
  const [status, setStatus] = useState<StatusFilter>('open');
  const programs = useQuery(programsOptions);
  const staff = useQuery({ ...caseStaffOptions, enabled: readsAll });

  const filters: CaseFilters = {
    ...(caseManagerId ? { caseManagerId } : { scope }),
    programId: programId ?? undefined,
    stage: stage ?? undefined,
    status,
  };
  const cases = useInfiniteQuery(caseloadPagesOptions(filters));
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];

  const scopes: { value: Scope; label: string }[] = [
    { value: 'mine', label: t('cases.caseload.scopeMine') },
    ...(supervises || readsAll ? [{ value: 'supervised' as const, label: t('cases.caseload.scopeSupervised') }] : []),
    ...(readsAll ? [{ value: 'all' as const, label: t('cases.caseload.scopeAll') }] : []),
  ];

  return (
    <>
      <PageTitle title={t('cases.caseload.title')} description={t('cases.caseload.description')} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: readsAll ? 5 : 4 }} spacing="sm" mb="md">
        <Select
          label={t('cases.caseload.scope')}
          data={scopes}
          value={caseManagerId ? null : scope}
          onChange={(value) => {
            setCaseManagerId(null);
            setScope((value as Scope | null) ?? 'mine');
          }}
          allowDeselect={false}
        />
        {readsAll ? (
          <Select
            label={t('cases.caseload.caseManager')}
            placeholder={t('cases.caseload.anyone')}
            data={(staff.data?.caseManagers ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={caseManagerId}
            onChange={setCaseManagerId}
            searchable
            clearable
            nothingFoundMessage={t('common.noOptions')}
          />
        ) : null}
        <Select
          label={t('cases.caseload.program')}
          placeholder={t('cases.caseload.anyProgram')}
          data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programId}
          onChange={setProgramId}
          clearable
        />
        <Select
          label={t('cases.caseload.stage')}
          placeholder={t('cases.caseload.anyStage')}
          data={CASE_STAGES.map((s) => ({ value: s, label: t(`cases.stages.${s}`) }))}
          value={stage}
          onChange={(value) => setStage(value as CaseStage | null)}
          clearable
        />
        <Select
          label={t('cases.caseload.status')}
          data={(['open', 'closure_pending', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`cases.caseload.statusFilter.${s}`) }))}
          value={status}
          onChange={(value) => setStatus((value as StatusFilter | null) ?? 'open')}
          allowDeselect={false}
        />
      </SimpleGrid>
      {cases.isPending ? (
        <LoadingState />
      ) : cases.isError ? (
        <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{t('cases.caseload.empty')}</EmptyState>
      ) : phone ? (
        <CaseCards items={items} />
      ) : (
        <CaseTable items={items} />
      )}
      {cases.hasNextPage ? (
        <Button variant="default" mt="sm" onClick={() => void cases.fetchNextPage()} loading={cases.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}

export function CaseloadPage() {
  return (
    <RequirePermission anyOf={['case.read']}>
      <Caseload />
    </RequirePermission>
  );
}
