import { useState } from 'react';
import { Anchor, Button, Card, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CREDENTIAL_KINDS, CREDENTIAL_STATUSES, type CredentialKind, type CredentialList, type CredentialResponse, type CredentialStatus, type RecognitionResponse } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { describeError } from '../../app/forms';
import { formatCalendarDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { CredentialForm } from './credential-form';
import { CredentialStatusBadge, ExpiryText } from './credential-status';
import { type CredentialFilter, credentialKeys, credentialsApi, overviewOptions, recognitionsOptions } from './credentials-api';
import { RecognitionForm } from './recognition-form';

const PHONE = '(max-width: 48em)';

/** What a credential says beyond its kind: bar state, number and status, or the accreditation level. */
function CredentialDetails({ credential }: { credential: CredentialResponse }) {
  const { t } = useTranslation();
  if (credential.kind === 'attorney') {
    return (
      <>
        {credential.barState} · <span className="ltr-value">{credential.barNumber}</span> · {credential.barStatus ? t(`credentials.barStatuses.${credential.barStatus}`) : ''}
        {credential.supervisingAttorney ? ` · ${t('credentials.supervisingAttorney')}` : ''}
      </>
    );
  }
  return <>{credential.accreditationLevel ? t(`credentials.levelShort.${credential.accreditationLevel}`) : ''}</>;
}

function MemberName({ credential }: { credential: CredentialResponse }) {
  const { t } = useTranslation();
  return (
    <>
      {credential.member.name}
      {credential.member.active ? null : (
        <Text component="span" size="sm" c="dimmed">
          {' '}
          ({t('credentials.memberInactive')})
        </Text>
      )}
    </>
  );
}

function CredentialActions({ credential, onEdit }: { credential: CredentialResponse; onEdit: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => credentialsApi.remove(credential.id, credential.version),
    onSuccess: async () => {
      notifySuccess(t('credentials.removed'));
      await queryClient.invalidateQueries({ queryKey: credentialKeys.all });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  function confirmRemove() {
    if (window.confirm(t('credentials.removeConfirm', { kind: t(`credentials.kinds.${credential.kind}`), name: credential.member.name }))) {
      remove.mutate();
    }
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="compact-sm" variant="default" leftSection={<IconPencil size={14} aria-hidden="true" />} aria-label={t('credentials.editFor', { name: credential.member.name })} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        color="red.8"
        leftSection={<IconTrash size={14} aria-hidden="true" />}
        aria-label={t('credentials.removeFor', { name: credential.member.name })}
        loading={remove.isPending}
        onClick={confirmRemove}
      >
        {t('credentials.remove')}
      </Button>
    </Group>
  );
}

function CredentialCards({ items, onEdit }: { items: CredentialResponse[]; onEdit: (c: CredentialResponse) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {items.map((credential) => (
        <Card key={credential.id} withBorder padding="sm" component="article" aria-label={credential.member.name}>
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={600}>
                <MemberName credential={credential} />
              </Text>
              <CredentialStatusBadge status={credential.status} />
            </Group>
            <Text size="sm">{t(`credentials.kinds.${credential.kind}`)}</Text>
            <Text size="sm">
              <CredentialDetails credential={credential} />
            </Text>
            <Text size="sm">
              {t('credentials.expiresOn')}: <ExpiryText expiresOn={credential.expiresOn} daysToExpiry={credential.daysToExpiry} renewalFiledOn={credential.renewalFiledOn} />
            </Text>
            <CredentialActions credential={credential} onEdit={() => onEdit(credential)} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function CredentialTable({ items, onEdit }: { items: CredentialResponse[]; onEdit: (c: CredentialResponse) => void }) {
  const { t } = useTranslation();
  return (
    <ScrollTable caption={t('credentials.members')} minWidth={900}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('credentials.member')}</Table.Th>
          <Table.Th scope="col">{t('credentials.kind')}</Table.Th>
          <Table.Th scope="col">{t('credentials.details')}</Table.Th>
          <Table.Th scope="col">{t('credentials.expiresOn')}</Table.Th>
          <Table.Th scope="col">{t('credentials.statusLabel')}</Table.Th>
          <Table.Th scope="col">{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((credential) => (
          <Table.Tr key={credential.id}>
            <Table.Td fw={600}>
              <MemberName credential={credential} />
            </Table.Td>
            <Table.Td>{t(`credentials.kinds.${credential.kind}`)}</Table.Td>
            <Table.Td>
              <CredentialDetails credential={credential} />
            </Table.Td>
            <Table.Td>
              <ExpiryText expiresOn={credential.expiresOn} daysToExpiry={credential.daysToExpiry} renewalFiledOn={credential.renewalFiledOn} />
            </Table.Td>
            <Table.Td>
              <CredentialStatusBadge status={credential.status} />
            </Table.Td>
            <Table.Td>
              <CredentialActions credential={credential} onEdit={() => onEdit(credential)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function CredentialsSection() {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const [filter, setFilter] = useState<CredentialFilter>({});
  const [editing, setEditing] = useState<null | 'new' | CredentialResponse>(null);
  const list = useInfiniteQuery({
    queryKey: credentialKeys.list(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) => api<CredentialList>('/api/credentials', { signal, query: { ...filter, cursor: pageParam, limit: 100 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  let content;
  if (list.isPending) {
    content = <LoadingState />;
  } else if (list.isError) {
    content = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else if (items.length === 0) {
    content = <EmptyState>{t('credentials.empty')}</EmptyState>;
  } else {
    content = phone ? <CredentialCards items={items} onEdit={setEditing} /> : <CredentialTable items={items} onEdit={setEditing} />;
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="credentials-heading">
      <Group justify="space-between">
        <Title order={2} size="h3" id="credentials-heading">
          {t('credentials.members')}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('credentials.add')}
        </Button>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('credentials.filterStatus')}
          data={[{ value: '', label: t('credentials.filterAll') }, ...CREDENTIAL_STATUSES.map((status) => ({ value: status, label: t(`credentials.statuses.${status}`) }))]}
          value={filter.status ?? ''}
          onChange={(event) => setFilter((f) => ({ ...f, status: (event.currentTarget.value || undefined) as CredentialStatus | undefined }))}
        />
        <NativeSelect
          label={t('credentials.filterKind')}
          data={[{ value: '', label: t('credentials.allKinds') }, ...CREDENTIAL_KINDS.map((kind) => ({ value: kind, label: t(`credentials.kinds.${kind}`) }))]}
          value={filter.kind ?? ''}
          onChange={(event) => setFilter((f) => ({ ...f, kind: (event.currentTarget.value || undefined) as CredentialKind | undefined }))}
        />
      </Group>
      {content}
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('credentials.add') : t('credentials.editTitle')} fullScreen={phone}>
        {editing !== null ? <CredentialForm key={editing === 'new' ? 'new' : editing.id} existing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function RecognitionCard() {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const recognitions = useQuery(recognitionsOptions);
  const [editing, setEditing] = useState<null | 'new' | RecognitionResponse>(null);
  const items = recognitions.data?.items ?? [];
  const current = items[0] ?? null;

  let content;
  if (recognitions.isPending) {
    content = <LoadingState />;
  } else if (recognitions.isError) {
    content = <ErrorState error={recognitions.error} onRetry={() => void recognitions.refetch()} />;
  } else if (items.length === 0) {
    content = <Text>{t('credentials.recognition.none')}</Text>;
  } else {
    content = (
      <Stack gap="xs">
        {items.map((recognition) => (
          <Group key={recognition.id} justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600}>{recognition.office?.name ?? t('credentials.recognition.wholeOrganization')}</Text>
                <CredentialStatusBadge status={recognition.status} />
              </Group>
              <Text size="sm">
                {t('credentials.recognition.recognizedOn')}: {formatCalendarDate(recognition.recognizedOn)}
              </Text>
              <Text size="sm">
                {t('credentials.recognition.expiresOn')}: <ExpiryText expiresOn={recognition.expiresOn} daysToExpiry={recognition.daysToExpiry} />
              </Text>
              {recognition.note ? <Text size="sm">{recognition.note}</Text> : null}
            </Stack>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconPencil size={14} aria-hidden="true" />}
              aria-label={t('credentials.recognition.editFor', { date: formatCalendarDate(recognition.expiresOn) })}
              onClick={() => setEditing(recognition)}
            >
              {t('common.edit')}
            </Button>
          </Group>
        ))}
      </Stack>
    );
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="recognition-heading">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={2} size="h3" id="recognition-heading">
              {t('credentials.recognition.title')}
            </Title>
            {current ? null : <CredentialStatusBadge status="none" />}
          </Group>
          <Button size="compact-md" variant="default" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('credentials.recognition.add')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('credentials.recognition.intro')}
        </Text>
        {content}
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('credentials.recognition.add') : t('credentials.recognition.edit')} fullScreen={phone}>
        {editing !== null ? <RecognitionForm key={editing === 'new' ? 'new' : editing.id} existing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
    </Card>
  );
}

function AttentionList({ title, items }: { title: string; items: CredentialResponse[] }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return null;
  }
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title} ({items.length})
      </Title>
      <Stack gap={2} component="ul" style={{ listStyle: 'none', paddingInlineStart: 0, margin: 0 }}>
        {items.map((credential) => (
          <Text component="li" size="sm" key={credential.id}>
            {credential.member.name} · {t(`credentials.kinds.${credential.kind}`)} · <ExpiryText expiresOn={credential.expiresOn} daysToExpiry={credential.daysToExpiry} renewalFiledOn={credential.renewalFiledOn} />
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

function OverviewSection() {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const overview = useQuery(overviewOptions);
  if (overview.isPending) {
    return <LoadingState />;
  }
  if (overview.isError) {
    return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  const matters = data.mattersNeedingRepresentative;
  const nothing = data.expiring.length + data.expired.length + data.inactive.length === 0;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder padding="md" component="section" aria-labelledby="attention-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="attention-heading">
            {t('credentials.overview.title')}
          </Title>
          {nothing ? <Text size="sm">{t('credentials.overview.allClear')}</Text> : null}
          <AttentionList title={t('credentials.overview.expired')} items={data.expired} />
          <AttentionList title={t('credentials.overview.expiring')} items={data.expiring} />
          <AttentionList title={t('credentials.overview.inactive')} items={data.inactive} />
        </Stack>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="matters-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="matters-heading">
            {t('credentials.overview.matters')}
          </Title>
          {matters.count === 0 ? (
            matters.hiddenCount === 0 ? <Text size="sm">{t('credentials.overview.noMatters')}</Text> : null
          ) : (
            <>
              <Text size="sm" fw={600} c="red.9">
                {t('credentials.overview.mattersIntro', { count: matters.count })}
              </Text>
              {phone ? (
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', paddingInlineStart: 0, margin: 0 }}>
                  {matters.items.map((matter) => (
                    <Card key={matter.id} component="li" withBorder padding="xs">
                      <Anchor href={`/matters/${matter.id}`} fw={600} className="ltr-value">
                        {matter.reference}
                      </Anchor>
                      <Text size="sm">{matter.representative.name}</Text>
                      <Text size="sm">{t(`credentials.problems.${matter.problem}`)}</Text>
                    </Card>
                  ))}
                </Stack>
              ) : (
                <ScrollTable caption={t('credentials.overview.matters')} minWidth={480}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('credentials.overview.reference')}</Table.Th>
                      <Table.Th scope="col">{t('credentials.overview.representative')}</Table.Th>
                      <Table.Th scope="col">{t('credentials.overview.problem')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {matters.items.map((matter) => (
                      <Table.Tr key={matter.id}>
                        <Table.Td>
                          <Anchor href={`/matters/${matter.id}`} className="ltr-value">
                            {matter.reference}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{matter.representative.name}</Table.Td>
                        <Table.Td>{t(`credentials.problems.${matter.problem}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ScrollTable>
              )}
              {matters.count > matters.items.length ? <Text size="sm">{t('credentials.overview.shownFirst', { count: matters.items.length })}</Text> : null}
            </>
          )}
          {matters.hiddenCount > 0 ? <Text size="sm">{t('credentials.overview.hiddenMatters', { count: matters.hiddenCount })}</Text> : null}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function CredentialsAdmin() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <PageTitle title={t('credentials.title')} description={t('credentials.intro')} />
      <OverviewSection />
      <RecognitionCard />
      <CredentialsSection />
    </Stack>
  );
}

/** /admin/credentials: bar admissions, DOJ accreditations and recognition, for credential.manage. */
export function CredentialsPage() {
  return (
    <RequirePermission anyOf={['credential.manage']}>
      <CredentialsAdmin />
    </RequirePermission>
  );
}
