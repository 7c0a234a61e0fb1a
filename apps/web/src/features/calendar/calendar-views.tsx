import type { ReactNode } from 'react';
import { Anchor, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ruleDeadlineTitle } from '../matters/deadline-labels';
import type { CalendarEvent, CalendarScope } from './calendar-api';
import { daysOf, formatDayNumber, formatEventTime, formatLongDay, formatWeekday, groupByDay } from './calendar-dates';
import classes from './calendar.module.css';

/** Mantine's darkest orange is too light for white text (AA needs 4.5:1): a burnt orange instead. */
const CHECKIN_COLOR = '#a63c06';

/** Each kind has its colour (dark shades: white text on them passes WCAG AA) and always a text label. */
export function kindColor(event: Pick<CalendarEvent, 'kind' | 'status'>): string {
  if (event.status === 'cancelled' || event.status === 'rescheduled') {
    return 'gray.7';
  }
  if (event.kind === 'deadline') {
    return event.status === 'met' || event.status === 'done' ? 'teal.9' : 'red.9';
  }
  return event.kind === 'hearing' ? 'violet.9' : CHECKIN_COLOR;
}

/** The same colour as a CSS value, for borders. */
function cssColor(color: string): string {
  return color.startsWith('#') ? color : `var(--mantine-color-${color.replace('.', '-')})`;
}

/** "Master hearing", "ICE check-in", or the deadline's title (a rule's translated, a typed one as typed), in the reader's language where Haven has it. */
export function eventLabel(event: CalendarEvent, t: TFunction): string {
  if (event.kind === 'hearing') {
    return t(`calendar.hearingTypes.${event.subtype}`, { defaultValue: event.title });
  }
  if (event.kind === 'checkin') {
    return t(`calendar.agencies.${event.subtype}`, { defaultValue: event.title });
  }
  return ruleDeadlineTitle(t, event.ruleId, event.title);
}

export interface ViewContext {
  locale: string;
  today: string;
  organizationZone: string | null;
  scope: CalendarScope;
}

/** A link to the matter page (the matters area's route), named for screen readers by matter and client. */
function MatterLink({ event, children, className }: { event: CalendarEvent; children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <Anchor
      renderRoot={(props) => <Link to="/matters/$matterId" params={{ matterId: event.matterId }} {...props} />}
      className={className}
      underline="never"
      c="inherit"
      title={t('calendar.event.openMatter', { reference: event.matterReference, client: event.clientName })}
    >
      {children}
    </Anchor>
  );
}

function KindBadge({ event }: { event: CalendarEvent }) {
  const { t } = useTranslation();
  return (
    <Badge color={kindColor(event)} variant="filled" size="sm" radius="sm" tt="none" className={classes.badge}>
      {t(`calendar.kinds.${event.kind}`)}
    </Badge>
  );
}

function timeText(event: CalendarEvent, context: ViewContext, t: TFunction): string {
  return event.allDay ? t('calendar.allDay') : formatEventTime(event, context.locale, context.organizationZone);
}

function statusText(event: Pick<CalendarEvent, 'status'>, t: TFunction): string {
  return t(`calendar.statuses.${event.status}`, { defaultValue: event.status });
}

/** One line in a month cell or a week column: kind, time, client initials, what it is. */
function CompactEvent({ event, context }: { event: CalendarEvent; context: ViewContext }) {
  const { t } = useTranslation();
  const cancelled = event.status === 'cancelled' || event.status === 'rescheduled';
  return (
    <li className={classes.compactItem} style={{ borderInlineStartColor: cssColor(kindColor(event)) }}>
      <MatterLink event={event} className={classes.compactLink}>
        <Text component="span" size="xs" fw={600} className={classes.kindText}>
          {t(`calendar.kinds.${event.kind}`)}
        </Text>{' '}
        <Text component="span" size="xs" td={cancelled ? 'line-through' : undefined}>
          {event.allDay ? '' : `${timeText(event, context, t)} · `}
          {event.clientInitials} · {eventLabel(event, t)}
        </Text>
        {cancelled || event.status === 'missed' ? (
          <Text component="span" size="xs" fw={700}>
            {' '}
            ({statusText(event, t)})
          </Text>
        ) : null}
      </MatterLink>
    </li>
  );
}

/** The full entry, for the agenda: everything a representative needs at a glance. */
function AgendaEvent({ event, context }: { event: CalendarEvent; context: ViewContext }) {
  const { t } = useTranslation();
  return (
    <li>
      <Paper withBorder p="sm" radius="md" className={classes.agendaCard} style={{ borderInlineStartColor: cssColor(kindColor(event)) }}>
        <Group gap="xs" wrap="wrap" mb={4}>
          <KindBadge event={event} />
          <Text size="sm" fw={600}>
            {timeText(event, context, t)}
          </Text>
          <Text size="sm">· {statusText(event, t)}</Text>
        </Group>
        <MatterLink event={event}>
          <Text fw={600} td={event.status === 'cancelled' || event.status === 'rescheduled' ? 'line-through' : undefined}>
            {eventLabel(event, t)}
          </Text>
        </MatterLink>
        <Text size="sm">
          {event.clientName} ({event.clientInitials}) · {t(`calendar.matterTypes.${event.matterType}`)} · {t('calendar.event.matter', { reference: event.matterReference })}
        </Text>
        {event.location ? (
          <Text size="sm">
            {event.location}
            {event.judge ? ` · ${event.judge}` : ''}
          </Text>
        ) : null}
        {event.citation ? (
          <Text size="sm" c="gray.7">
            {event.citation}
          </Text>
        ) : null}
        {context.scope === 'all' && event.responsible.name ? <Text size="sm">{t('calendar.event.responsible', { name: event.responsible.name })}</Text> : null}
      </Paper>
    </li>
  );
}

export function Legend() {
  const { t } = useTranslation();
  const samples: Pick<CalendarEvent, 'kind' | 'status'>[] = [
    { kind: 'hearing', status: 'scheduled' },
    { kind: 'checkin', status: 'scheduled' },
    { kind: 'deadline', status: 'open' },
    { kind: 'deadline', status: 'met' },
  ];
  return (
    <Group gap="xs" aria-label={t('calendar.legend')} role="group">
      {samples.map((sample) => (
        <Badge key={`${sample.kind}-${sample.status}`} color={kindColor(sample)} variant="filled" size="sm" radius="sm" tt="none">
          {t(`calendar.kinds.${sample.kind}`)}
          {sample.kind === 'deadline' ? ` · ${statusText(sample, t)}` : ''}
        </Badge>
      ))}
    </Group>
  );
}

const MONTH_CELL_LIMIT = 3;

/**
 * The month as a table: weekday column headers, one row per week. In Arabic the page is
 * right-to-left, so the table's columns (and the weeks) read from the right.
 */
export function MonthView({
  from,
  to,
  month,
  events,
  context,
  compact,
  labelledBy,
  onShowDay,
}: {
  from: string;
  to: string;
  month: string;
  events: CalendarEvent[];
  context: ViewContext;
  compact: boolean;
  labelledBy: string;
  onShowDay: (day: string) => void;
}) {
  const { t } = useTranslation();
  const byDay = groupByDay(events);
  const days = daysOf(from, to);
  const weeks: string[][] = [];
  for (let i = 0; i < days.length; i += 7) {
    weeks.push(days.slice(i, i + 7));
  }
  return (
    <Table withTableBorder withColumnBorders layout="fixed" aria-labelledby={labelledBy} className={classes.month}>
      <Table.Thead>
        <Table.Tr>
          {weeks[0]!.map((day) => (
            <Table.Th key={day} scope="col" ta="center">
              <abbr title={formatWeekday(day, context.locale, 'long')} className={classes.abbr}>
                {formatWeekday(day, context.locale, 'short')}
              </abbr>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {weeks.map((week) => (
          <Table.Tr key={week[0]}>
            {week.map((day) => {
              const dayEvents = byDay.get(day) ?? [];
              const isToday = day === context.today;
              const outside = day.slice(0, 7) !== month;
              const shown = compact ? [] : dayEvents.slice(0, MONTH_CELL_LIMIT);
              const hidden = dayEvents.length - shown.length;
              return (
                <Table.Td key={day} className={classes.cell} data-outside={outside || undefined} data-today={isToday || undefined} aria-current={isToday ? 'date' : undefined}>
                  <Text component="span" size="sm" fw={isToday ? 700 : 500} className={classes.dayNumber}>
                    <VisuallyHidden>{formatLongDay(day, context.locale)}</VisuallyHidden>
                    <span aria-hidden="true">{formatDayNumber(day, context.locale)}</span>
                    {isToday ? <VisuallyHidden> ({t('calendar.todayMark')})</VisuallyHidden> : null}
                  </Text>
                  {shown.length > 0 ? (
                    <ul className={classes.list}>
                      {shown.map((event) => (
                        <CompactEvent key={`${event.kind}-${event.id}`} event={event} context={context} />
                      ))}
                    </ul>
                  ) : null}
                  {hidden > 0 ? (
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      onClick={() => onShowDay(day)}
                      className={classes.more}
                      aria-label={compact ? t('calendar.moreOnDay', { count: hidden }) : undefined}
                    >
                      {compact ? hidden : t('calendar.moreOnDay', { count: hidden })}
                    </Button>
                  ) : null}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Seven days side by side on a wide screen, one under the other on a phone; a heading per day. */
export function WeekView({ from, to, events, context }: { from: string; to: string; events: CalendarEvent[]; context: ViewContext }) {
  const { t } = useTranslation();
  const byDay = groupByDay(events);
  return (
    <SimpleGrid cols={{ base: 1, md: 7 }} spacing="xs">
      {daysOf(from, to).map((day) => {
        const dayEvents = byDay.get(day) ?? [];
        const isToday = day === context.today;
        return (
          <Box component="section" key={day} aria-labelledby={`week-${day}`} className={classes.weekDay} data-today={isToday || undefined}>
            <Title order={3} size="h6" id={`week-${day}`} mb={4}>
              {formatWeekday(day, context.locale, 'long')} {formatDayNumber(day, context.locale)}
              {isToday ? ` · ${t('calendar.todayMark')}` : ''}
            </Title>
            {dayEvents.length > 0 ? (
              <ul className={classes.list}>
                {dayEvents.map((event) => (
                  <CompactEvent key={`${event.kind}-${event.id}`} event={event} context={context} />
                ))}
              </ul>
            ) : (
              <Text size="xs" c="gray.7">
                {t('calendar.noEventsDay')}
              </Text>
            )}
          </Box>
        );
      })}
    </SimpleGrid>
  );
}

/** Days that have entries, each under its own heading, in order: the phone's default. */
export function AgendaView({ events, context }: { events: CalendarEvent[]; context: ViewContext }) {
  const { t } = useTranslation();
  const byDay = [...groupByDay(events).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (byDay.length === 0) {
    return (
      <Text py="lg" ta="center" c="gray.7">
        {t('calendar.noEvents')}
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      {byDay.map(([day, dayEvents]) => (
        <section key={day} aria-labelledby={`agenda-${day}`}>
          <Title order={3} size="h5" id={`agenda-${day}`} mb="xs">
            {formatLongDay(day, context.locale)}
            {day === context.today ? ` · ${t('calendar.todayMark')}` : ''}
          </Title>
          <Stack component="ul" gap="xs" className={classes.list}>
            {dayEvents.map((event) => (
              <AgendaEvent key={`${event.kind}-${event.id}`} event={event} context={context} />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
