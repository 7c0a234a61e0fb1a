import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { countryName, formatCalendarDate, languageName } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { ClientTransferActions } from '../client-import/client-transfer-actions';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { clientFullName, clientListOptions } from './clients-api';
import { matchedOnLabel } from './client-labels';
import { ProtectedBadge } from './protected-badge';

const routeApi = getRouteApi('/app/clients');

function ClientsList() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const { q = '' } = routeApi.useSearch();
  const navigate = useNavigate();
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search.trim(), 300);

  // The search lives in the URL so a list can be bookmarked and survives reloads.
  useEffect(() => {
    if (debounced !== q) {
      void navigate({ to: '/clients', search: debounced ? { q: debounced } : {}, replace: true });
    }
  }, [debounced, q, navigate]);

  const list = useInfiniteQuery(clientListOptions(q));
  const clients = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <PageTitle
        title={t('clients.title')}
        actions={
          <Group gap="xs">
            <ClientTransferActions />
            {can('client.create') ? (
              <Button leftSection={<IconPlus size={18} aria-hidden="true" />} renderRoot={(props) => <Link to="/clients/new" {...props} />}>
                {t('clients.add')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <TextInput
          label={t('clients.search')}
          description={t('clients.searchHelp')}
          placeholder={t('clients.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={420}
        />
      </form>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : clients.length === 0 ? (
        <EmptyState>{q ? t('clients.noResults', { q }) : t('clients.empty')}</EmptyState>
      ) : (
        <>
          <ScrollTable caption={t('clients.tableCaption')} minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('clients.name')}</Table.Th>
                <Table.Th scope="col">{t('clients.dateOfBirth')}</Table.Th>
                <Table.Th scope="col">{t('clientForm.aNumber')}</Table.Th>
                <Table.Th scope="col">{t('clients.language')}</Table.Th>
                <Table.Th scope="col">{t('clients.country')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('clients.protected')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.map((client) => (
                <Table.Tr key={client.id}>
                  <Table.Td>
                    <Anchor fw={600} renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: client.id }} {...props} />}>
                      {clientFullName(client)}
                    </Anchor>
                    {client.nativeName ? (
                      <Text size="sm" dir="auto">
                        {client.nativeName}
                      </Text>
                    ) : null}
                    {q && client.matchedOn ? (
                      <Text size="xs" c="dimmed">
                        {matchedOnLabel(t, client.matchedOn)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {client.dateOfBirth
                      ? `${formatCalendarDate(client.dateOfBirth)}${client.dateOfBirthEstimated ? ` (${t('clients.estimated')})` : ''}`
                      : t('common.none')}
                  </Table.Td>
                  <Table.Td>{client.aNumberMasked ? <span className="ltr-value">{client.aNumberMasked}</span> : t('common.none')}</Table.Td>
                  <Table.Td>{languageName(client.preferredLanguage) || t('common.none')}</Table.Td>
                  <Table.Td>{countryName(client.countryOfBirth) || t('common.none')}</Table.Td>
                  <Table.Td>{client.isProtected ? <ProtectedBadge /> : null}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
          {list.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}

export function ClientsPage() {
  return (
    <RequirePermission anyOf={['client.read']}>
      <ClientsList />
    </RequirePermission>
  );
}
