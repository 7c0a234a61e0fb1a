import { Badge, Button, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, formatDateTime } from '../../app/ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { caseKeys, caseTimelinePage, type TimelineEntry } from './cases-api';

const STAGE_KEYS = new Set(['engagement', 'assessment', 'planning', 'intervention', 'monitoring', 'closure']);
const REASON_KEYS = new Set(['goals_met', 'self_sufficient', 'moved', 'declined', 'lost_contact', 'transferred', 'deceased', 'other']);

function stageName(value: unknown, t: TFunction): string {
  return typeof value === 'string' && STAGE_KEYS.has(value) ? t(`cases.stages.${value as 'engagement'}`) : String(value ?? '');
}

function reasonName(value: unknown, t: TFunction): string {
  return typeof value === 'string' && REASON_KEYS.has(value) ? t(`cases.closure.reasons.${value as 'other'}`) : String(value ?? '');
}

/** The one-line summary of an event, and the text a person wrote with it (hand-off note, return note, reason). */
function describeEvent(entry: TimelineEntry, t: TFunction): { summary: string; text: string | null } {
  const data = entry.data ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  switch (entry.kind) {
    case 'opened':
      return { summary: t('cases.timeline.opened'), text: null };
    case 'stage_changed':
      return { summary: t('cases.timeline.stageChanged', { from: stageName(data.from, t), to: stageName(data.to, t) }), text: null };
    case 'transferred':
      return { summary: t('cases.timeline.transferred', { from: String(data.fromName ?? ''), to: String(data.toName ?? '') }), text: text(data.handOffNote) };
    case 'closure_requested':
      return { summary: t('cases.timeline.closureRequested', { reason: reasonName(data.reason, t) }), text: null };
    case 'closure_approved':
      return { summary: t('cases.timeline.closureApproved', { reason: reasonName(data.reason, t) }), text: text(data.note) };
    case 'closure_returned':
      return { summary: t('cases.timeline.closureReturned'), text: text(data.note) };
    case 'closed':
      return { summary: t('cases.timeline.closed', { reason: reasonName(data.reason, t) }), text: null };
    case 'reopened':
      return { summary: t('cases.timeline.reopened'), text: text(data.reason) };
    default:
      return { summary: t('cases.timeline.other', { kind: entry.kind.replace(/_/g, ' ') }), text: null };
  }
}

function NoteEntry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const note = entry.note!;
  const contactTypes = new Set(['in_person', 'home_visit', 'phone', 'video', 'message']);
  return (
    <Stack gap={4}>
      <Text fw={600}>
        {t('cases.timeline.note', {
          date: formatCalendarDate(note.contactOn),
          type: contactTypes.has(note.contactType) ? t(`cases.timeline.contactTypes.${note.contactType as 'phone'}`) : note.contactType,
        })}{' '}
        {note.meaningful ? (
          <Badge size="sm" variant="light" color="teal.9">
            {t('cases.timeline.meaningful')}
          </Badge>
        ) : null}{' '}
        {note.status === 'draft' ? (
          <Badge size="sm" variant="outline" color="gray.8">
            {t('cases.timeline.draft')}
          </Badge>
        ) : null}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
        {note.narrative}
      </Text>
      {note.signedBy && note.signedAt ? (
        <Text size="xs" c="dimmed">
          {t('cases.timeline.signedBy', { name: note.signedBy.name, date: formatDateTime(note.signedAt) })}
        </Text>
      ) : null}
      {note.addenda.map((addendum) => (
        <Paper key={addendum.id} withBorder p="xs" ms="md" bg="gray.0">
          <Text size="xs" fw={600}>
            {t('cases.timeline.addendum', { name: addendum.author?.name ?? '', date: formatDateTime(addendum.createdAt) })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
            {addendum.text}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

/** The case's chronology, newest first: stage moves, transfers, closure and signed notes with their addenda. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = useInfiniteQuery({
    queryKey: caseKeys.timeline(caseId),
    queryFn: ({ pageParam, signal }) => caseTimelinePage(caseId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (timeline.isPending) {
    return <LoadingState />;
  }
  if (timeline.isError) {
    return <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  }
  const entries = timeline.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return <EmptyState>{t('cases.timeline.empty')}</EmptyState>;
  }
  return (
    <Stack gap="sm">
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {entries.map((entry) => {
          const event = entry.note ? null : describeEvent(entry, t);
          return (
            <Paper key={entry.id} withBorder p="sm" component="li">
              <Stack gap={4}>
                <Text size="xs" c="dimmed">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  {entry.actor ? ` · ${entry.actor.name}` : ''}
                </Text>
                {event ? (
                  <>
                    <Text fw={600}>{event.summary}</Text>
                    {event.text ? (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                        {event.text}
                      </Text>
                    ) : null}
                  </>
                ) : (
                  <NoteEntry entry={entry} />
                )}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      {timeline.hasNextPage ? (
        <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
