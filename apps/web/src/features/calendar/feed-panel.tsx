import { useState } from 'react';
import { Alert, Anchor, Button, Card, Checkbox, CopyButton, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeedCreated } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/forms';
import { formatDateTime } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { calendarApi, calendarKeys, feedOptions } from './calendar-api';

type Pending = 'replace' | 'revoke' | null;

/**
 * "Subscribe in your calendar app": the member's private feed address. It is shown once, when
 * made (Haven keeps only a hash), and anyone holding it reads the entries: hence the warning,
 * initials by default, and a one-click way to replace or turn it off.
 */
export function FeedPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feed = useQuery(feedOptions());
  const [showFullNames, setShowFullNames] = useState(false);
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const create = useMutation({
    mutationFn: () => calendarApi.createFeed({ showFullNames }),
    onSuccess: (result) => {
      setCreated(result);
      setPending(null);
      const { url: _url, webcalUrl: _webcal, ...status } = result;
      queryClient.setQueryData(calendarKeys.feed, status);
      notifySuccess(t('calendar.feed.created'));
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  const revoke = useMutation({
    mutationFn: () => calendarApi.revokeFeed(),
    onSuccess: () => {
      setCreated(null);
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: calendarKeys.feed });
      notifySuccess(t('calendar.feed.revoked'));
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  const status = feed.data;
  const make = () => (status?.active ? setPending('replace') : create.mutate());

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="calendar-feed-title">
      <Title order={2} size="h4" id="calendar-feed-title" mb="xs">
        {t('calendar.feed.title')}
      </Title>
      {feed.isPending ? (
        <LoadingState />
      ) : feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('calendar.feed.intro')}</Text>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
            <Text size="sm" c="black">
              {t('calendar.feed.warning')}
            </Text>
          </Alert>
          {status?.active ? (
            <Text size="sm">
              {t('calendar.feed.active', { date: formatDateTime(status.createdAt) })}{' '}
              {status.lastFetchedAt ? t('calendar.feed.lastFetched', { date: formatDateTime(status.lastFetchedAt) }) : t('calendar.feed.neverFetched')}{' '}
              {t(status.showFullNames ? 'calendar.feed.namesShown' : 'calendar.feed.namesHidden')}
            </Text>
          ) : (
            <Text size="sm">{t('calendar.feed.inactive')}</Text>
          )}
          {created ? (
            <Stack gap="xs">
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('calendar.feed.urlLabel')}
                  value={created.url}
                  readOnly
                  onFocus={(event) => event.currentTarget.select()}
                  style={{ flex: '1 1 18rem', minWidth: 0 }}
                  dir="ltr"
                />
                <CopyButton value={created.url}>
                  {({ copied, copy }) => (
                    <Button variant={copied ? 'filled' : 'default'} color={copied ? 'teal.9' : undefined} onClick={copy}>
                      {copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Anchor href={created.webcalUrl} size="sm">
                {t('calendar.feed.openInApp')}
              </Anchor>
            </Stack>
          ) : null}
          <Checkbox
            label={t('calendar.feed.showFullNames')}
            description={t('calendar.feed.showFullNamesHelp')}
            checked={showFullNames}
            onChange={(event) => setShowFullNames(event.currentTarget.checked)}
          />
          <Group gap="sm">
            <Button onClick={make} loading={create.isPending}>
              {status?.active ? t('calendar.feed.replace') : t('calendar.feed.create')}
            </Button>
            {status?.active ? (
              <Button variant="default" color="red" onClick={() => setPending('revoke')} loading={revoke.isPending}>
                {t('calendar.feed.revoke')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      )}
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('calendar.feed.title')} closeButtonProps={{ 'aria-label': t('calendar.feed.cancel') }}>
        <Stack gap="md">
          <Text>{pending === 'revoke' ? t('calendar.feed.revokeConfirm') : t('calendar.feed.replaceConfirm')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setPending(null)}>
              {t('calendar.feed.cancel')}
            </Button>
            <Button
              color={pending === 'revoke' ? 'red.8' : undefined}
              loading={create.isPending || revoke.isPending}
              onClick={() => (pending === 'revoke' ? revoke.mutate() : create.mutate())}
            >
              {pending === 'revoke' ? t('calendar.feed.revoke') : t('calendar.feed.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
