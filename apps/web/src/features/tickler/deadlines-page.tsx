import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Switch, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { addDays, dayOfWeek, TICKLER_VIEW_KINDS, type TicklerViewKind } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { programsOptions } from '../admin/admin-api';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import {
  itemTitle,
  matterTypeLabel,
  myDeadlinesOptions,
  programDeadlinesOptions,
  type TicklerItem,
  type TicklerList,
  type TicklerQuery,
  ticklerApi,
  ticklerKeys,
} from './tickler-api';

/** Still to be done: an open or missed deadline (late filings happen), a scheduled hearing or check-in. */
function isPending(item: TicklerItem): boolean {
  return item.kind === 'deadline' ? item.status === 'open' || item.status === 'missed' : item.status === 'scheduled';
}

/** The Monday of the item's week: lists are grouped by week, overdue items first on their own. */
function weekOf(date: string): string {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

function groupItems(items: TicklerItem[]): { key: string; overdue: boolean; items: TicklerItem[] }[] {
  const groups: { key: string; overdue: boolean; items: TicklerItem[] }[] = [];
  for (const item of items) {
    const key = item.overdue ? 'overdue' : weekOf(item.date);
    const last = groups.at(-1);
    if (last && last.key === key) {
      last.items.push(item);
    } else {
      groups.push({ key, overdue: item.overdue, items: [item] });
    }
  }
  return groups;
}

function useAcknowledge(item: TicklerItem) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ticklerApi.acknowledge(item),
    onSuccess: async () => {
      notifySuccess(t('tickler.item.acknowledged'));
      await queryClient.invalidateQueries({ queryKey: ticklerKeys.all });
    },
    onError: async (error) => {
      notifyError(describeError(error, t));
      await queryClient.invalidateQueries({ queryKey: ticklerKeys.all });
    },
  });
}

function WhenText({ item }: { item: TicklerItem }) {
  const { t } = useTranslation();
  const date = item.time ? t('tickler.item.at', { date: formatCalendarDate(item.date), time: item.time }) : formatCalendarDate(item.date);
  const pending = isPending(item);
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} c={item.overdue ? 'red.9' : undefined}>
        {date}
      </Text>
      {pending && (item.overdue || item.daysLeft >= 0) ? (
        <Text size="xs" c={item.overdue ? 'red.9' : 'dimmed'} fw={item.overdue ? 600 : undefined}>
          {item.overdue
            ? t('tickler.item.daysOverdue', { count: -item.daysLeft })
            : item.daysLeft === 0
              ? t('tickler.item.today')
              : t('tickler.item.daysLeft', { count: item.daysLeft })}
        </Text>
      ) : null}
    </Stack>
  );
}

function StatusBadges({ item }: { item: TicklerItem }) {
  const { t } = useTranslation();
  const pending = isPending(item);
  return (
    <Group gap={4} wrap="wrap">
      {item.overdue ? (
        <Badge color="red.9" variant="filled" tt="none">
          {t('tickler.item.overdue')}
        </Badge>
      ) : (
        <Badge color="gray.8" variant="light" tt="none">
          {t(`tickler.statuses.${item.status as 'open'}`, { defaultValue: item.status })}
        </Badge>
      )}
      {pending && !item.acknowledged ? (
        <Badge color="dark.7" variant="outline" tt="none">
          {t('tickler.item.notAcknowledged')}
        </Badge>
      ) : null}
      {item.escalated ? (
        <Badge color="grape.9" variant="light" tt="none">
          {t('tickler.item.escalated')}
        </Badge>
      ) : null}
    </Group>
  );
}

function AcknowledgeButton({ item, mayAcknowledge }: { item: TicklerItem; mayAcknowledge: boolean }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledge(item);
  if (item.acknowledged || !isPending(item) || !mayAcknowledge) {
    return item.acknowledgedBy ? (
      <Text size="xs" c="dimmed">
        {t('tickler.item.acknowledgedBy', { name: item.acknowledgedBy.name })}
      </Text>
    ) : null;
  }
  return (
    <Button size="xs" variant="light" loading={acknowledge.isPending} onClick={() => acknowledge.mutate()} aria-label={t('tickler.item.acknowledgeNamed', { title: itemTitle(item, t) })}>
      {t('tickler.item.acknowledge')}
    </Button>
  );
}

function MatterCell({ item }: { item: TicklerItem }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Anchor size="sm" renderRoot={(props) => <Link to="/matters/$matterId" params={{ matterId: item.matterId }} {...props} />}>
        {t('tickler.item.matter', { reference: item.matterReference })}
      </Anchor>
      <Text size="xs" c="dimmed">
        {matterTypeLabel(item.matterType, t)} · {item.client.name}
      </Text>
    </Stack>
  );
}

function ItemTitle({ item }: { item: TicklerItem }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
        {itemTitle(item, t)}
      </Text>
      <Text size="xs" c="dimmed">
        {t(`tickler.kind.${item.kind}`)}
        {item.kind === 'deadline' && item.source === 'manual' ? ` · ${t('tickler.item.manual')}` : ''}
      </Text>
      {item.citation ? (
        <Text size="xs" c="dimmed">
          {t('tickler.item.citation', { citation: item.citation })}
        </Text>
      ) : null}
    </Stack>
  );
}

function ItemCard({ item, mayAcknowledge }: { item: TicklerItem; mayAcknowledge: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" component="li" style={item.overdue ? { borderInlineStart: '4px solid var(--mantine-color-red-9)' } : undefined}>
      <Stack gap={6}>
        <ItemTitle item={item} />
        <WhenText item={item} />
        <MatterCell item={item} />
        <Text size="xs">{t('tickler.item.responsible', { name: item.responsible.name })}</Text>
        <StatusBadges item={item} />
        <Group justify="flex-end">
          <AcknowledgeButton item={item} mayAcknowledge={mayAcknowledge} />
        </Group>
      </Stack>
    </Paper>
  );
}

function ItemGroup({ title, overdue, items, phone, mayAcknowledge, id }: { title: string; overdue: boolean; items: TicklerItem[]; phone: boolean; mayAcknowledge: (item: TicklerItem) => boolean; id: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" mb="xs" id={id} c={overdue ? 'red.9' : undefined}>
        {title} ({items.length})
      </Title>
      {phone ? (
        <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => (
            <ItemCard key={`${item.kind}-${item.id}`} item={item} mayAcknowledge={mayAcknowledge(item)} />
          ))}
        </Stack>
      ) : (
        <ScrollTable caption={`${t('tickler.table.caption')}: ${title}`} minWidth={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tickler.table.date')}</Table.Th>
              <Table.Th scope="col">{t('tickler.table.item')}</Table.Th>
              <Table.Th scope="col">{t('tickler.table.matter')}</Table.Th>
              <Table.Th scope="col">{t('tickler.table.responsible')}</Table.Th>
              <Table.Th scope="col">{t('tickler.table.status')}</Table.Th>
              <Table.Th scope="col">{t('tickler.table.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={`${item.kind}-${item.id}`}>
                <Table.Td>
                  <WhenText item={item} />
                </Table.Td>
                <Table.Td>
                  <ItemTitle item={item} />
                </Table.Td>
                <Table.Td>
                  <MatterCell item={item} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.responsible.name}</Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadges item={item} />
                </Table.Td>
                <Table.Td>
                  <AcknowledgeButton item={item} mayAcknowledge={mayAcknowledge(item)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </section>
  );
}

function ItemList({ list, emptyText, prefix }: { list: TicklerList; emptyText: string; prefix: string }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const { can, session } = usePermissions();
  const me = session?.user.id;
  const mayAcknowledge = (item: TicklerItem) => item.responsible.id === me || can('matter.manage');
  if (list.items.length === 0) {
    return <EmptyState>{emptyText}</EmptyState>;
  }
  return (
    <Stack gap="lg">
      {list.truncated ? (
        <Alert color="yellow" variant="light">
          {t('tickler.truncated', { count: list.items.length })}
        </Alert>
      ) : null}
      {groupItems(list.items).map((group) => (
        <ItemGroup
          key={group.key}
          id={`${prefix}-${group.key}`}
          title={group.overdue ? t('tickler.groups.overdue') : t('tickler.groups.week', { date: formatCalendarDate(group.key) })}
          overdue={group.overdue}
          items={group.items}
          phone={phone}
          mayAcknowledge={mayAcknowledge}
        />
      ))}
    </Stack>
  );
}

interface Filters {
  from: string;
  to: string;
  kinds: TicklerViewKind[];
  showAll: boolean;
}

function defaultFilters(): Filters {
  const today = todayIsoDate();
  return { from: addDays(today, -30), to: addDays(today, 90), kinds: [...TICKLER_VIEW_KINDS], showAll: false };
}

function FilterBar({ filters, onChange, children }: { filters: Filters; onChange: (next: Filters) => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      {children}
      <TextInput type="date" label={t('tickler.filters.from')} value={filters.from} onChange={(e) => e.currentTarget.value && onChange({ ...filters, from: e.currentTarget.value })} />
      <TextInput type="date" label={t('tickler.filters.to')} value={filters.to} onChange={(e) => e.currentTarget.value && onChange({ ...filters, to: e.currentTarget.value })} />
      <Checkbox.Group label={t('tickler.filters.kinds')} value={filters.kinds} onChange={(value) => value.length > 0 && onChange({ ...filters, kinds: value as TicklerViewKind[] })}>
        <Group gap="sm" mt={6}>
          {TICKLER_VIEW_KINDS.map((kind) => (
            <Checkbox key={kind} value={kind} label={t(`tickler.kinds.${kind}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Switch label={t('tickler.filters.showAll')} checked={filters.showAll} onChange={(e) => onChange({ ...filters, showAll: e.currentTarget.checked })} />
    </Group>
  );
}

function toQuery(filters: Filters): TicklerQuery {
  return { from: filters.from, to: filters.to, kinds: filters.kinds, show: filters.showAll ? 'all' : 'pending' };
}

function ListState({ query, emptyText, prefix }: { query: ReturnType<typeof useQuery<TicklerList>>; emptyText: string; prefix: string }) {
  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <ItemList list={query.data} emptyText={emptyText} prefix={prefix} />;
}

function MyDeadlines() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState(defaultFilters);
  const query = useQuery(myDeadlinesOptions(toQuery(filters)));
  return (
    <Stack gap="md">
      <FilterBar filters={filters} onChange={setFilters} />
      <ListState query={query} emptyText={t('tickler.empty.mine')} prefix="mine" />
    </Stack>
  );
}

function ProgramDeadlines() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState(defaultFilters);
  const [programId, setProgramId] = useState('');
  const programs = useQuery(programsOptions);
  const query = useQuery(programDeadlinesOptions({ ...toQuery(filters), ...(programId ? { programId } : {}) }));
  const options = [{ value: '', label: t('tickler.filters.allPrograms') }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))];
  return (
    <Stack gap="md">
      <FilterBar filters={filters} onChange={setFilters}>
        <NativeSelect label={t('tickler.filters.program')} data={options} value={programId} onChange={(e) => setProgramId(e.currentTarget.value)} />
      </FilterBar>
      <ListState query={query} emptyText={t('tickler.empty.program')} prefix="program" />
    </Stack>
  );
}

function DeadlinesPageBody() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('mine');
  return (
    <>
      <PageTitle title={t('tickler.title')} description={t('tickler.pageDescription')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="mine">{t('tickler.tabs.mine')}</Tabs.Tab>
          <Tabs.Tab value="program">{t('tickler.tabs.program')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mine">
          <MyDeadlines />
        </Tabs.Panel>
        <Tabs.Panel value="program">
          <ProgramDeadlines />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** /deadlines: "My deadlines" and "Program deadlines" (issue 5's tickler views). */
export function DeadlinesPage() {
  return (
    <RequirePermission anyOf={['matter.read']}>
      <DeadlinesPageBody />
    </RequirePermission>
  );
}
