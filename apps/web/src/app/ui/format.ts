import { todayIn } from '@haven/domain';
import { i18n } from '../i18n';

function locale(): string {
  return i18n.resolvedLanguage ?? 'en';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

/**
 * A calendar date (`YYYY-MM-DD`: a birth date, an arrival) in the reader's language. Formatted in
 * UTC, the zone it was parsed in, so a reader west of Greenwich does not see the day before.
 */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) {
    return '';
  }
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

let organizationTimeZone: string | null = null;

/** The signed-in organization's time zone (from the session): its calendar day is "today". */
export function setOrganizationTimeZone(timeZone: string | null): void {
  organizationTimeZone = timeZone;
}

/**
 * Today as `YYYY-MM-DD` in the organization's time zone — the day the server checks dates against
 * ("not in the future") — or on the reader's clock before anyone signs in. The default for
 * "joined on", "contact on" and similar dates.
 */
export function todayIsoDate(): string {
  if (organizationTimeZone) {
    try {
      return todayIn(organizationTimeZone);
    } catch {
      // An unknown zone name: fall back to the reader's clock.
    }
  }
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

function displayName(type: 'region' | 'language', code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type, fallback: 'none' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A country code (ISO 3166-1 alpha-2) in the reader's language. */
export function countryName(code: string | null | undefined): string {
  return code ? displayName('region', code) : '';
}

/** A language tag (BCP 47) in the reader's language; free text is shown as written. */
export function languageName(tag: string | null | undefined): string {
  if (!tag) {
    return '';
  }
  return /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(tag) ? displayName('language', tag) : tag;
}

// Codes Intl knows that are not countries (EU, UN, Eurozone, pseudo-locales, unknown region).
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
let countryCodes: string[] | null = null;

/** Every ISO 3166-1 alpha-2 code the browser can name. */
export function allCountryCodes(): string[] {
  if (countryCodes) {
    return countryCodes;
  }
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) {
        continue;
      }
      try {
        const name = names.of(code);
        if (name && name !== code) {
          codes.push(code);
        }
      } catch {
        // Not a region code.
      }
    }
  }
  countryCodes = codes;
  return codes;
}

/**
 * Languages common among people resettled or seeking asylum in the US and Europe (ORR and UNHCR
 * data), offered in the client form. The API takes any BCP 47 tag; widen this list as needed.
 */
export const COMMON_CLIENT_LANGUAGES = [
  'ar', 'prs', 'ps', 'fa', 'uk', 'ru', 'es', 'fr', 'ht', 'pt', 'sw', 'so', 'ti', 'am', 'my',
  'ne', 'ku', 'ur', 'rw', 'ln', 'zh', 'vi', 'tr', 'en',
];

/**
 * Wraps a left-to-right value (an email address, a code) in Unicode isolates so that inside an
 * Arabic sentence it keeps its own order and does not reorder the words around it.
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}
