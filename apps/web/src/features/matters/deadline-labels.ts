import { DEFAULT_DEADLINE_RULES, type DeadlineRuleId, isDeadlineRuleId } from '@haven/domain';
import type { TFunction } from 'i18next';
import { en } from '../../app/locales/legal/matters';

/** Every engine rule has a translated title (the build fails when a rule is added without one). */
en.ruleTitles satisfies Record<DeadlineRuleId, string>;

const SIJS_STATE_UNKNOWN = /^Last day for the state juvenile-court order \(SIJS\) — (.+) age limit unknown, 18 assumed$/;
const ASYLUM_CHILD_EXEMPT = /^Asylum one-year deadline does not apply: unaccompanied child/;

/**
 * A deadline's title in the reader's language. Computed deadlines carry their engine rule id: the
 * rule's title is translated, as are the two cases where the engine words it differently (a child
 * exempt from the one-year deadline, a state missing from the juvenile-court age table). A title
 * the app does not know (an edited rule table) and manual deadlines (no rule id: the title staff
 * typed) are shown as stored. For the Deadlines tab, the matter list, the tickler and the calendar.
 */
export function ruleDeadlineTitle(t: TFunction, ruleId: string | null | undefined, fallbackTitle: string): string {
  if (!ruleId || !isDeadlineRuleId(ruleId)) {
    return fallbackTitle;
  }
  if (fallbackTitle === DEFAULT_DEADLINE_RULES[ruleId].title) {
    return t(`matters.ruleTitles.${ruleId}`);
  }
  if (ruleId === 'ASYLUM_ONE_YEAR_FILING' && ASYLUM_CHILD_EXEMPT.test(fallbackTitle)) {
    return t('matters.ruleTitleVariants.asylumChildExempt');
  }
  const unknownState = ruleId === 'SIJS_STATE_ORDER_AGE_OUT' ? SIJS_STATE_UNKNOWN.exec(fallbackTitle) : null;
  if (unknownState) {
    return t('matters.ruleTitleVariants.sijsStateUnknown', { state: unknownState[1] ?? '' });
  }
  return fallbackTitle;
}
