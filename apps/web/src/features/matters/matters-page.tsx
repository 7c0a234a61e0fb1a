import { useState } from 'react';
import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { MATTER_STATUSES, MATTER_TYPES, type MatterStatus, type MatterSummary, type MatterType } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { programsOptions } from '../admin/admin-api';
import { RequirePermission } from '../session/require-permission';
import { MatterStatusBadge, matterTypeLabel } from './matter-labels';
import { type MatterFilters, matterPagesOptions } from './matters-api';
import { DaysLeft } from './matter-deadlines-tab';
import { ruleDeadlineTitle } from './deadline-labels';

type Scope = 'mine' | 'readable';

function MatterLink({ item }: { item: MatterSummary }) {
  return (
    <Anchor fw={700} renderRoot={(props) => <Link to="/matters/$matterId" params={{ matterId: item.id }} {...props} />}>
      {item.clientName}
    </Anchor>
  );
}

function NextDeadline({ item, today }: { item: MatterSummary; today: string }) {
  const { t } = useTranslation();
  if (!item.nextDeadline) {
    return (
      <Text size="sm" c="dimmed">
        {t('matters.list.noDeadline')}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm">
        {ruleDeadlineTitle(t, item.nextDeadline.ruleId, item.nextDeadline.title)} · {formatCalendarDate(item.nextDeadline.dueOn)}
      </Text>
      <DaysLeft dueOn={item.nextDeadline.dueOn} today={today} status="open" />
    </Stack>
  );
}

function MatterCards({ items, today }: { items: MatterSummary[]; today: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Paper key={item.id} withBorder p="sm" component="li">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <MatterLink item={item} />
              <Text size="sm" c="dimmed">
                {item.reference}
              </Text>
            </Group>
            <Group gap="xs" wrap="wrap">
              <Text size="sm">{matterTypeLabel(t, item.type)}</Text>
              <MatterStatusBadge status={item.status} />
            </Group>
            <NextDeadline item={item} today={today} />
            <Text size="sm" c="dimmed">
              {t('matters.list.representative')}: {item.representative?.name ?? t('matters.list.unassigned')}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function MatterTable({ items, today }: { items: MatterSummary[]; today: string }) {
  const { t } = useTranslation();
  return (
    <ScrollTable caption={t('matters.list.caption')} minWidth={900}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('matters.list.client')}</Table.Th>
          <Table.Th scope="col">{t('matters.list.reference')}</Table.Th>
          <Table.Th scope="col">{t('matters.list.type')}</Table.Th>
          <Table.Th scope="col">{t('matters.list.status')}</Table.Th>
          <Table.Th scope="col">{t('matters.list.nextDeadline')}</Table.Th>
          <Table.Th scope="col">{t('matters.list.representative')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <MatterLink item={item} />
            </Table.Td>
            <Table.Td>{item.reference}</Table.Td>
            <Table.Td>{matterTypeLabel(t, item.type)}</Table.Td>
            <Table.Td>
              <MatterStatusBadge status={item.status} />
            </Table.Td>
            <Table.Td>
              <NextDeadline item={item} today={today} />
            </Table.Td>
            <Table.Td>{item.representative?.name ?? t('matters.list.unassigned')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** My legal matters by default, the nearest deadline first; filters by status, type and program. */
function MattersList() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [scope, setScope] = useState<Scope>('mine');
  const [status, setStatus] = useState<MatterStatus | null>(null);
  const [type, setType] = useState<MatterType | null>(null);
  const [programId, setProgramId] = useState<string | null>(null);
  const programs = useQuery(programsOptions);
  const filters: MatterFilters = { scope, status: status ?? undefined, type: type ?? undefined, programId: programId ?? undefined };
  const matters = useInfiniteQuery(matterPagesOptions(filters));
  const items = matters.data?.pages.flatMap((page) => page.items) ?? [];
  const today = todayIsoDate();

  return (
    <>
      <PageTitle title={t('matters.title')} description={t('matters.list.description')} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mb="md">
        <Select
          label={t('matters.list.scope')}
          data={[
            { value: 'mine', label: t('matters.list.scopeMine') },
            { value: 'readable', label: t('matters.list.scopeReadable') },
          ]}
          value={scope}
          onChange={(value) => setScope((value as Scope | null) ?? 'mine')}
          allowDeselect={false}
        />
        <Select
          label={t('matters.list.status')}
          placeholder={t('matters.list.anyStatus')}
          data={MATTER_STATUSES.map((s) => ({ value: s, label: t(`matters.statuses.${s}`) }))}
          value={status}
          onChange={(value) => setStatus(value as MatterStatus | null)}
          clearable
        />
        <Select
          label={t('matters.list.type')}
          placeholder={t('matters.list.anyType')}
          data={MATTER_TYPES.map((value) => ({ value, label: matterTypeLabel(t, value) }))}
          value={type}
          onChange={(value) => setType(value as MatterType | null)}
          clearable
          searchable
        />
        <Select
          label={t('matters.list.program')}
          placeholder={t('matters.list.anyProgram')}
          data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programId}
          onChange={setProgramId}
          clearable
        />
      </SimpleGrid>
      {matters.isPending ? (
        <LoadingState />
      ) : matters.isError ? (
        <ErrorState error={matters.error} onRetry={() => void matters.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{t('matters.list.empty')}</EmptyState>
      ) : phone ? (
        <MatterCards items={items} today={today} />
      ) : (
        <MatterTable items={items} today={today} />
      )}
      {matters.hasNextPage ? (
        <Button variant="default" mt="sm" onClick={() => void matters.fetchNextPage()} loading={matters.isFetchingNextPage}>
          {t('matters.list.loadMore')}
        </Button>
      ) : null}
    </>
  );
}

export function MattersPage() {
  return (
    <RequirePermission anyOf={['matter.read']}>
      <MattersList />
    </RequirePermission>
  );
}
