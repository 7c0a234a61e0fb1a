import { Badge } from '@mantine/core';
import type { DeadlineChange, FactSource, MatterDeadlineStatus, MatterStatus, MatterType } from '@haven/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';
import { ruleDeadlineTitle } from './deadline-labels';

/** A matter type in the reader's language ("Affirmative asylum"): also for the tickler, calendar and fees. */
export function matterTypeLabel(t: TFunction, type: MatterType): string {
  return t(`matters.types.${type}`);
}

const STATUS_COLORS: Record<MatterStatus, string> = { screening: 'orange.9', open: 'teal.9', declined: 'gray.8', closed: 'gray.8' };

export function MatterStatusBadge({ status }: { status: MatterStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`matters.statuses.${status}`)}
    </Badge>
  );
}

const DEADLINE_COLORS: Record<MatterDeadlineStatus, string> = { open: 'blue.9', met: 'teal.9', missed: 'red.9', done: 'teal.9', withdrawn: 'gray.8' };

export function DeadlineStatusBadge({ status }: { status: MatterDeadlineStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={DEADLINE_COLORS[status]} variant={status === 'missed' ? 'filled' : 'light'}>
      {t(`matters.deadlines.statuses.${status}`)}
    </Badge>
  );
}

/** Where a fact came from, in words: "From the I-589 filing". */
export function factSourceText(t: TFunction, source: FactSource): string {
  switch (source.kind) {
    case 'filing':
      return t('matters.facts.sources.filing', { form: source.form });
    case 'decision':
      return t('matters.facts.sources.decision', { body: t(`matters.facts.bodies.${source.body}`) });
    default:
      return t(`matters.facts.sources.${source.kind}`);
  }
}

const KNOWN_CAUSES = ['opened', 'facts_changed', 'type_changed', 'filing_recorded', 'filing_updated', 'decision_recorded', 'time_passed'] as const;

/** Why deadlines moved: "Facts changed (Last arrival in the US)". Causes are codes, some with the facts named after a colon. */
export function causeText(t: TFunction, cause: string): string {
  const [code, detail] = cause.split(':', 2) as [string, string | undefined];
  if (!(KNOWN_CAUSES as readonly string[]).includes(code)) {
    return t('matters.deadlines.causes.other', { cause });
  }
  const text = t(`matters.deadlines.causes.${code as (typeof KNOWN_CAUSES)[number]}`);
  if (code === 'facts_changed' && detail) {
    const names = detail.split(',').map((name) => t(`matters.facts.names.${name}`, { defaultValue: name }));
    return `${text} (${names.join(', ')})`;
  }
  return text;
}

/** One moved deadline in words: "Asylum one-year filing deadline: moved from Mar 3 to Apr 2". */
export function changeText(t: TFunction, change: DeadlineChange): string {
  const values = { title: ruleDeadlineTitle(t, change.ruleId, change.title), from: formatCalendarDate(change.fromDueOn), to: formatCalendarDate(change.toDueOn) };
  if (change.toStatus === 'met') {
    return t('matters.deadlines.changes.met', values);
  }
  if (change.toStatus === 'withdrawn') {
    return t('matters.deadlines.changes.withdrawn', values);
  }
  if (change.toStatus === 'missed') {
    return t('matters.deadlines.changes.missed', values);
  }
  if (change.fromStatus === null || change.fromStatus === 'withdrawn') {
    return t('matters.deadlines.changes.added', values);
  }
  if (change.fromDueOn !== change.toDueOn) {
    return t('matters.deadlines.changes.moved', values);
  }
  return t('matters.deadlines.changes.reopened', values);
}
