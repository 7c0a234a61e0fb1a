import { ActionIcon, Badge, Box, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/forms';
import { formatDateTime } from '../../app/ui/format';
import { notifyError } from '../../app/ui/notify';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { inboxOptions, type NotificationItem, notificationText, ticklerApi, ticklerKeys } from './tickler-api';

function NotificationRow({ note, onOpen }: { note: NotificationItem; onOpen: (note: NotificationItem) => void }) {
  const { t } = useTranslation();
  const unread = note.readAt === null;
  const text = notificationText(note, t);
  return (
    <Box component="li" py={6} px="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} bg={unread ? 'blue.0' : undefined}>
      <UnstyledButton onClick={() => onOpen(note)} style={{ display: 'block', width: '100%', textAlign: 'start' }}>
        <Group gap={6} wrap="nowrap" align="flex-start">
          {unread ? (
            <Badge size="xs" color="blue.9" variant="filled" tt="none" style={{ flexShrink: 0 }}>
              {t('tickler.bell.unread')}
            </Badge>
          ) : null}
          <Text size="sm" fw={unread ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
            {text}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" mt={2}>
          {formatDateTime(note.createdAt)}
        </Text>
      </UnstyledButton>
    </Box>
  );
}

/**
 * The bell in the header: the unread count in its accessible name ("Notifications, 3 unread"), a
 * list of the newest notifications in the reader's language; opening one marks it read and goes
 * where it leads.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure(false);
  const inbox = useInfiniteQuery(inboxOptions());
  const unread = inbox.data?.pages[0]?.unreadCount ?? 0;
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: ticklerKeys.inbox });

  const markRead = useMutation({ mutationFn: ticklerApi.markRead, onSettled: refresh, onError: (error) => notifyError(describeError(error, t)) });
  const markAll = useMutation({ mutationFn: ticklerApi.markAllRead, onSettled: refresh, onError: (error) => notifyError(describeError(error, t)) });

  function open(note: NotificationItem): void {
    if (note.readAt === null) {
      markRead.mutate(note.id);
    }
    if (note.link) {
      close();
      router.history.push(note.link);
    }
  }

  const label = unread > 0 ? t('tickler.bell.labelUnread', { count: unread }) : t('tickler.bell.label');
  return (
    <Popover opened={opened} onChange={(value) => (value ? undefined : close())} position="bottom-end" width={360} withinPortal shadow="md" trapFocus returnFocus>
      {/* The count is in the button's name; the badge is for the eye only. */}
      <Indicator label={<span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>} size={18} disabled={unread === 0} color="red.9" offset={4}>
        <Popover.Target>
          <ActionIcon variant="subtle" color="dark" size="lg" aria-label={label} onClick={toggle}>
            <IconBell size={22} aria-hidden="true" />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="xs" role="dialog" aria-label={t('tickler.bell.title')} maw="calc(100vw - 16px)">
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Text fw={700} component="h2" size="md" m={0}>
            {t('tickler.bell.title')}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('tickler.bell.markAllRead')}
          </Button>
        </Group>
        {inbox.isPending ? (
          <LoadingState />
        ) : inbox.isError ? (
          <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" py="sm">
            {t('tickler.bell.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={400} type="auto">
            <Stack component="ul" gap={0} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((note) => (
                <NotificationRow key={note.id} note={note} onOpen={open} />
              ))}
            </Stack>
            {inbox.hasNextPage ? (
              <Button variant="subtle" size="xs" mt="xs" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
                {t('tickler.bell.loadMore')}
              </Button>
            ) : null}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
