import { Alert, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { currentLocale, directionOf } from '../../app/i18n';
import { todayIsoDate } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { type CalendarScope, calendarOptions } from './calendar-api';
import { type CalendarSearch, type CalendarView, formatLongDay, formatMonthTitle, rangeFor, shiftAnchor, weekStartFor } from './calendar-dates';
import { AgendaView, Legend, MonthView, WeekView } from './calendar-views';
import { FeedPanel } from './feed-panel';

function CalendarContent() {
  const { t } = useTranslation();
  const { can, session } = usePermissions();
  const search = useSearch({ strict: false }) as CalendarSearch;
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const locale = currentLocale();
  const rtl = directionOf(locale) === 'rtl';
  const today = todayIsoDate();

  // The agenda is the phone's default: a month grid is too narrow to read there.
  const view: CalendarView = search.view ?? (phone ? 'agenda' : 'month');
  const anchor = search.date ?? today;
  const canSeeAll = can('matter.read_all');
  const scope: CalendarScope = canSeeAll && search.scope === 'all' ? 'all' : 'mine';
  const weekStart = weekStartFor(locale);
  const { from, to } = rangeFor(view, anchor, weekStart);
  const events = useQuery(calendarOptions(from, to, scope));

  const setSearch = (patch: Partial<CalendarSearch>) => {
    void navigate({ to: '/calendar', search: { ...search, ...patch } });
  };
  const periodLabel =
    view === 'month'
      ? formatMonthTitle(anchor, locale)
      : view === 'week'
        ? t('calendar.weekLabel', { date: formatLongDay(from, locale) })
        : t('calendar.periodAgenda', { from: formatLongDay(from, locale), to: formatLongDay(to, locale) });
  // "Previous" points back in time: left in English, right in Arabic.
  const BackIcon = rtl ? IconChevronRight : IconChevronLeft;
  const ForwardIcon = rtl ? IconChevronLeft : IconChevronRight;
  const context = { locale, today, organizationZone: session?.activeOrganization?.timeZone ?? null, scope };

  return (
    <>
      <PageTitle title={t('calendar.title')} description={t('calendar.description')} />
      <Stack gap="lg">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text component="span" size="sm" fw={500} id="calendar-view-label">
              {t('calendar.views.label')}
            </Text>
            <SegmentedControl
              aria-labelledby="calendar-view-label"
              value={view}
              onChange={(value) => setSearch({ view: value as CalendarView })}
              data={(['month', 'week', 'agenda'] as const).map((value) => ({ value, label: t(`calendar.views.${value}`) }))}
            />
          </Stack>
          {canSeeAll ? (
            <Stack gap={4}>
              <Text component="span" size="sm" fw={500} id="calendar-scope-label">
                {t('calendar.scope.label')}
              </Text>
              <SegmentedControl
                aria-labelledby="calendar-scope-label"
                value={scope}
                onChange={(value) => setSearch({ scope: value as CalendarScope })}
                data={[
                  { value: 'mine', label: t('calendar.scope.mine') },
                  { value: 'all', label: t('calendar.scope.all') },
                ]}
              />
            </Stack>
          ) : null}
          <Group gap="xs" role="group" aria-label={t('calendar.navigation.label')}>
            <Button variant="default" leftSection={<BackIcon size={16} aria-hidden="true" />} onClick={() => setSearch({ date: shiftAnchor(view, anchor, -1) })}>
              {t('calendar.navigation.previous')}
            </Button>
            <Button variant="default" onClick={() => setSearch({ date: undefined })}>
              {t('calendar.navigation.today')}
            </Button>
            <Button variant="default" rightSection={<ForwardIcon size={16} aria-hidden="true" />} onClick={() => setSearch({ date: shiftAnchor(view, anchor, 1) })}>
              {t('calendar.navigation.next')}
            </Button>
          </Group>
        </Group>

        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Title order={2} size="h3" id="calendar-period" aria-live="polite">
            {periodLabel}
          </Title>
          <Legend />
        </Group>

        {events.isPending ? (
          <LoadingState />
        ) : events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Stack gap="sm" aria-busy={events.isFetching}>
            {events.data.truncated ? (
              <Alert color="orange" variant="light">
                <Text size="sm" c="black">
                  {t('calendar.truncated')}
                </Text>
              </Alert>
            ) : null}
            {view === 'month' ? (
              <MonthView
                from={from}
                to={to}
                month={anchor.slice(0, 7)}
                events={events.data.events}
                context={context}
                compact={phone}
                labelledBy="calendar-period"
                onShowDay={(day) => setSearch({ view: phone ? 'agenda' : 'week', date: day })}
              />
            ) : view === 'week' ? (
              <WeekView from={from} to={to} events={events.data.events} context={context} />
            ) : (
              <AgendaView events={events.data.events} context={context} />
            )}
          </Stack>
        )}

        <FeedPanel />
      </Stack>
    </>
  );
}

export function CalendarPage() {
  return (
    <RequirePermission anyOf={['matter.read']}>
      <CalendarContent />
    </RequirePermission>
  );
}
