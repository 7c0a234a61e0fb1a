import { useId, type ReactNode } from 'react';
import { Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconClipboardCheck, IconGavel } from '@tabler/icons-react';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/forms';
import { exceptionListOptions } from '../exceptions/exceptions-api';
import { intakeListOptions } from '../intakes/intakes-api';
import { usePermissions } from '../session/session-api';

/** How many items a card names before "and N more" (the page has the full list). */
const SHOWN = 3;

interface WorkCardProps<T> {
  title: string;
  icon: ReactNode;
  to: '/intakes' | '/exceptions';
  query: UseQueryResult<{ items: T[]; nextCursor: string | null }>;
  countText: (count: string) => string;
  emptyText: string;
  itemText: (item: T) => string;
}

/** A count of what waits for this user, the first few items, and a link to the page. */
function WorkCard<T>({ title, icon, to, query, countText, emptyText, itemText }: WorkCardProps<T>) {
  const { t } = useTranslation();
  const titleId = useId();
  let body: ReactNode;
  if (query.isPending) {
    body = (
      <Group gap="xs" role="status">
        <Loader size="xs" aria-hidden="true" />
        <Text size="sm">{t('app.loading')}</Text>
      </Group>
    );
  } else if (query.isError) {
    body = (
      <Text size="sm" c="var(--mantine-color-error)">
        {describeError(query.error, t)}
      </Text>
    );
  } else if (query.data.items.length === 0) {
    body = <Text size="sm">{emptyText}</Text>;
  } else {
    const { items, nextCursor } = query.data;
    // A further page means there are more than the list holds: say so rather than undercount.
    const count = nextCursor ? `${items.length}+` : String(items.length);
    body = (
      <Stack gap={4}>
        <Text fw={700}>{countText(count)}</Text>
        <Text component="ul" size="sm" m={0} ps="md">
          {items.slice(0, SHOWN).map((item, index) => (
            <li key={index}>{itemText(item)}</li>
          ))}
        </Text>
        {items.length > SHOWN ? (
          <Text size="sm" c="dimmed">
            {t('home.work.more', { count: items.length - SHOWN })}
          </Text>
        ) : null}
      </Stack>
    );
  }
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm" h="100%">
        <Group gap="sm" wrap="nowrap">
          {icon}
          <Title order={3} size="h4" id={titleId}>
            {title}
          </Title>
        </Group>
        <div style={{ flex: 1 }}>{body}</div>
        <Button variant="light" aria-label={`${t('home.open')}: ${title}`} renderRoot={(props) => <Link to={to} {...props} />} style={{ alignSelf: 'flex-start' }}>
          {t('home.open')}
        </Button>
      </Stack>
    </Card>
  );
}

function MyIntakesCard() {
  const { t } = useTranslation();
  // The same query (and limit) as the intakes page, so the two share one cache entry.
  const query = useQuery(intakeListOptions('in_progress', { mine: true, limit: 50 }));
  return (
    <WorkCard
      title={t('home.work.intakes')}
      icon={<IconClipboardCheck size={28} aria-hidden="true" color="var(--mantine-color-blue-8)" />}
      to="/intakes"
      query={query}
      countText={(count) => t('home.work.intakesCount', { number: count })}
      emptyText={t('intakes.list.noneInProgress')}
      itemText={(intake) => (intake.people.length > 0 ? intake.people.map((p) => `${p.givenName} ${p.familyName}`).join(', ') : t('intakes.list.noPeople'))}
    />
  );
}

function WaitingExceptionsCard() {
  const { t } = useTranslation();
  const query = useQuery(exceptionListOptions('requested'));
  return (
    <WorkCard
      title={t('home.work.exceptions')}
      icon={<IconGavel size={28} aria-hidden="true" color="var(--mantine-color-blue-8)" />}
      to="/exceptions"
      query={query}
      countText={(count) => t('home.work.exceptionsCount', { number: count })}
      emptyText={t('exceptions.noneWaiting')}
      itemText={(request) => (request.programName ? `${request.clientName} · ${request.programName}` : request.clientName)}
    />
  );
}

/** The home page's "Your work": intakes to finish and exception requests to decide. */
export function WorkCards() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const intakes = can('intake.manage');
  const exceptions = can('exception.decide');
  if (!intakes && !exceptions) {
    return null;
  }
  return (
    <>
      <Title order={2} size="h3" mt="md">
        {t('home.work.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {intakes ? <MyIntakesCard /> : null}
        {exceptions ? <WaitingExceptionsCard /> : null}
      </SimpleGrid>
    </>
  );
}
