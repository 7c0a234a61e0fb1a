import { Alert, List } from '@mantine/core';
import type { DeadlineChange } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../app/i18n';
import { formatCalendarDate } from '../../app/ui/format';
import { ruleDeadlineTitle } from '../matters/deadline-labels';

/** What a save did to the matter's deadlines, in words: "Met: Asylum one-year filing deadline". */
export function DeadlineChanges({ changes, onClose }: { changes: readonly DeadlineChange[]; onClose: () => void }) {
  const { t } = useTranslation();
  const line = (change: DeadlineChange) => {
    const values = { title: ruleDeadlineTitle(t, change.ruleId, change.title), from: formatCalendarDate(change.fromDueOn), to: formatCalendarDate(change.toDueOn) };
    if (change.toStatus === 'met') {
      return t('proceedings.changes.met', values);
    }
    if (change.toStatus === 'withdrawn') {
      return t('proceedings.changes.withdrawn', values);
    }
    if (change.toStatus === 'missed') {
      return t('proceedings.changes.missed', values);
    }
    if (change.fromStatus === null || change.fromStatus === 'withdrawn') {
      return t('proceedings.changes.added', values);
    }
    if (change.fromDueOn !== change.toDueOn) {
      return t('proceedings.changes.moved', values);
    }
    return t('proceedings.changes.reopened', values);
  };
  return (
    <Alert color="teal.9" variant="light" title={t('proceedings.changes.title')} withCloseButton closeButtonLabel={t('proceedings.cancel')} onClose={onClose} role="status">
      {changes.length === 0 ? (
        t('proceedings.changes.none')
      ) : (
        <List size="sm">
          {changes.map((change) => (
            <List.Item key={change.ruleId}>{line(change)}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** "Tue, Jan 12, 2027, 9:00 AM CST" in the court's zone, whatever the reader's clock. */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** US time zones offered for a court or check-in not on the list. */
export const US_TIME_ZONES = [
  'America/New_York',
  'America/Detroit',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'Pacific/Guam',
  'Pacific/Saipan',
] as const;

export function dollarsToCents(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return 0;
  }
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) {
    return undefined;
  }
  return Math.round(Number(trimmed) * 100);
}

export function formatCents(cents: number): string {
  return new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { style: 'currency', currency: 'USD' }).format(cents / 100);
}
