/**
 * Eligibility findings in the reader's language. The engine (@haven/domain eligibility/) gives
 * each finding a stable code and its params; the templates live in the locale files under
 * `eligibilityReasons` (the English set is the engine's own), keyed by code with {placeholders}.
 * They are looked up directly rather than through t(), because the codes contain dots, which
 * i18next reads as nesting. Citations are legal references and stay as written.
 */
import { formatEligibilityReason, type EligibilityReasonCode } from '@haven/domain';
import type { TFunction } from 'i18next';
import { currentLocale, i18n } from '../../app/i18n';
import { ar } from '../../app/locales/ar';
import { en } from '../../app/locales/en';
import { es } from '../../app/locales/es';
import { formatCalendarDate } from '../../app/ui/format';

const TEMPLATES: Record<'en' | 'es' | 'ar', Record<EligibilityReasonCode, string>> = {
  en: en.eligibilityReasons,
  es: es.eligibilityReasons,
  ar: ar.eligibilityReasons,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FindingLike {
  code: EligibilityReasonCode;
  params: Record<string, string | number>;
  reason: string;
}

/** A finding's sentence in the current language, its dates and numbers written the local way. */
export function eligibilityReasonText(finding: FindingLike): string {
  const template = TEMPLATES[currentLocale()][finding.code] as string | undefined;
  if (!template) {
    // A code newer than this build: the English sentence the server wrote is better than nothing.
    return finding.reason;
  }
  const numbers = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(finding.params)) {
    params[key] = typeof value === 'number' ? numbers.format(value) : ISO_DATE.test(value) ? formatCalendarDate(value) : value;
  }
  return formatEligibilityReason(template, params);
}

export type Outcome = 'eligible' | 'ineligible' | 'unknown';

export function outcomeLabel(t: TFunction, outcome: Outcome): string {
  return t(`eligibility.outcome.${outcome}`);
}

export function outcomeColor(outcome: Outcome): string {
  // Filled badges in shades whose white text reaches 4.5:1 (axe color-contrast); green.9 does not.
  return outcome === 'eligible' ? 'teal.9' : outcome === 'ineligible' ? 'red.9' : 'gray.8';
}
