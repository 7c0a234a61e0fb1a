import { useState, type FormEvent } from 'react';
import { Anchor, Button, Card, Code, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconDownload, IconFilter } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, buildUrl } from '../../app/api-client';
import type { AuditEvent, AuditPageData } from '../../app/api-types';
import { formatDateTime } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { membersOptions } from '../admin/admin-api';
import classes from '../../app/layout/layout.module.css';

interface AuditFilters {
  userId: string;
  action: string;
  objectType: string;
  objectId: string;
  from: string;
  to: string;
}

const NO_FILTERS: AuditFilters = { userId: '', action: '', objectType: '', objectId: '', from: '', to: '' };
const PAGE_SIZE = 50;

/** Only filled-in filters are sent; the API treats a missing filter as "any". */
function filterQuery(filters: AuditFilters): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(filters) as [keyof AuditFilters, string][]) {
    const trimmed = value.trim();
    query[key] = trimmed === '' ? undefined : trimmed;
  }
  return query;
}

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    return <Text c="dimmed">{t('common.none')}</Text>;
  }
  return (
    <Code block className={classes.json}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

function EventRows({ event, userName }: { event: AuditEvent; userName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detailsId = `audit-details-${event.id}`;
  return (
    <>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
        <Table.Td>
          <span className="ltr-value">{userName}</span>
        </Table.Td>
        <Table.Td>
          <Code className="ltr-value">{event.action}</Code>
        </Table.Td>
        <Table.Td>
          {event.objectType ? (
            <Stack gap={0}>
              <Text size="sm">{event.objectType}</Text>
              {event.objectId ? (
                <Text size="xs" c="dimmed" className="ltr-value">
                  {event.objectId}
                </Text>
              ) : null}
            </Stack>
          ) : (
            t('common.none')
          )}
        </Table.Td>
        <Table.Td>
          <Button
            size="compact-sm"
            variant="default"
            aria-expanded={open}
            aria-controls={detailsId}
            rightSection={open ? <IconChevronUp size={14} aria-hidden="true" /> : <IconChevronDown size={14} aria-hidden="true" />}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? t('audit.hideDetails') : t('audit.showDetails')}
          </Button>
        </Table.Td>
      </Table.Tr>
      <Table.Tr id={detailsId} hidden={!open}>
        <Table.Td colSpan={5}>
          {open ? (
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <div>
                  <Text fw={600} size="sm" mb={4}>
                    {t('audit.before')}
                  </Text>
                  <Json value={event.before} />
                </div>
                <div>
                  <Text fw={600} size="sm" mb={4}>
                    {t('audit.after')}
                  </Text>
                  <Json value={event.after} />
                </div>
              </SimpleGrid>
              <Text size="sm">
                {t('audit.ip')}: <span className="ltr-value">{event.ip ?? t('common.none')}</span>
              </Text>
              <Text size="sm">
                {t('audit.userAgent')}: <span className="ltr-value">{event.userAgent ?? t('common.none')}</span>
              </Text>
            </Stack>
          ) : null}
        </Table.Td>
      </Table.Tr>
    </>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_FILTERS);
  const members = useQuery({ ...membersOptions, enabled: can('member.read') });
  const memberNames = new Map((members.data?.items ?? []).map((member) => [member.userId, member.displayName]));

  const events = useInfiniteQuery({
    queryKey: ['audit-events', applied],
    queryFn: ({ pageParam, signal }) =>
      api<AuditPageData>('/api/audit-events', { query: { ...filterQuery(applied), limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  function set<K extends keyof AuditFilters>(key: K, value: AuditFilters[K]): void {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  function apply(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setApplied(draft);
  }

  function clear(): void {
    setDraft(NO_FILTERS);
    setApplied(NO_FILTERS);
  }

  const exportHref = buildUrl('/api/audit-events/export.csv', filterQuery(applied));
  const userOptions = (members.data?.items ?? []).map((member) => ({ value: member.userId, label: `${member.displayName} (${member.email})` }));

  let content;
  if (events.isPending) {
    content = <LoadingState />;
  } else if (events.isError) {
    content = <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  } else if (items.length === 0) {
    content = <EmptyState>{t('audit.empty')}</EmptyState>;
  } else {
    content = (
      <>
        <ScrollTable caption={t('audit.tableCaption')} minWidth={820}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('audit.time')}</Table.Th>
              <Table.Th scope="col">{t('audit.user')}</Table.Th>
              <Table.Th scope="col">{t('audit.action')}</Table.Th>
              <Table.Th scope="col">{t('audit.object')}</Table.Th>
              <Table.Th scope="col">{t('audit.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((event) => (
              <EventRows
                key={event.id}
                event={event}
                userName={event.actorEmail ?? (event.actorUserId ? (memberNames.get(event.actorUserId) ?? event.actorUserId) : t('audit.system'))}
              />
            ))}
          </Table.Tbody>
        </ScrollTable>
        {events.hasNextPage ? (
          <Group justify="center">
            <Button variant="default" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          </Group>
        ) : null}
      </>
    );
  }

  return (
    <Stack>
      <PageTitle
        title={t('audit.title')}
        actions={
          can('audit.export') ? (
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden="true" />} renderRoot={(props) => <Anchor href={exportHref} download {...props} />}>
              {t('audit.export')}
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md" radius="md">
        <form onSubmit={apply} role="search" aria-labelledby="audit-filters-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="audit-filters-title">
              {t('audit.filters')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
              {can('member.read') ? (
                <Select
                  label={t('audit.user')}
                  placeholder={t('audit.anyUser')}
                  data={userOptions}
                  searchable
                  clearable
                  nothingFoundMessage={t('common.noOptions')}
                  value={draft.userId || null}
                  onChange={(value) => set('userId', value ?? '')}
                  comboboxProps={{ withinPortal: true }}
                />
              ) : null}
              <TextInput
                label={t('audit.action')}
                description={t('audit.actionPlaceholder')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={draft.action}
                onChange={(event) => set('action', event.currentTarget.value)}
                classNames={{ input: 'ltr-value' }}
              />
              <TextInput
                label={t('audit.objectType')}
                value={draft.objectType}
                onChange={(event) => set('objectType', event.currentTarget.value)}
                classNames={{ input: 'ltr-value' }}
              />
              <TextInput
                label={t('audit.objectId')}
                value={draft.objectId}
                onChange={(event) => set('objectId', event.currentTarget.value)}
                classNames={{ input: 'ltr-value' }}
              />
              <TextInput label={t('audit.from')} type="date" value={draft.from} onChange={(event) => set('from', event.currentTarget.value)} />
              <TextInput label={t('audit.to')} type="date" value={draft.to} onChange={(event) => set('to', event.currentTarget.value)} />
            </SimpleGrid>
            <Group gap="sm">
              <Button type="submit" leftSection={<IconFilter size={16} aria-hidden="true" />}>
                {t('audit.apply')}
              </Button>
              <Button variant="default" onClick={clear}>
                {t('audit.reset')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {content}
    </Stack>
  );
}

export function AuditPage() {
  return (
    <RequirePermission anyOf={['audit.read']}>
      <AuditLog />
    </RequirePermission>
  );
}
