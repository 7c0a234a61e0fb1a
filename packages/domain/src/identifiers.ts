/**
 * Immigration and personal identifiers: how each is written, checked, stored and shown. The
 * same functions run in the API and the web form, so a value that passes one passes the other.
 */

/** An Alien Registration Number: 8 or 9 digits, often written A-123-456-789. Stored as 9 digits. */
export function normalizeANumber(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, '').toUpperCase().replace(/^A/, '');
  if (!/^\d{8,9}$/.test(compact)) {
    return undefined;
  }
  return compact.padStart(9, '0');
}

export function formatANumber(nineDigits: string): string {
  return `A-${nineDigits.slice(0, 3)}-${nineDigits.slice(3, 6)}-${nineDigits.slice(6)}`;
}

/** Lists show only the last four digits; the whole number is on the record itself. */
export function maskANumber(nineDigits: string): string {
  return `A-•••-••${nineDigits.slice(5, 6)}-${nineDigits.slice(6)}`;
}

/** A USCIS receipt number: three letters (the service center) and ten digits, e.g. IOE0912345678. */
export function normalizeReceiptNumber(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z]{3}\d{10}$/.test(compact) ? compact : undefined;
}

/** An I-94 admission number: 11 characters, nine digits then two letters or digits. */
export function normalizeI94(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  return /^\d{9}[A-Z0-9]{2}$/.test(compact) ? compact : undefined;
}

/**
 * A Social Security number: nine digits, never area 000, 666 or 900–999, group 00 or serial 0000
 * (SSA's rules for numbers it issues).
 */
export function normalizeSsn(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(compact)) {
    return undefined;
  }
  const area = compact.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9') || compact.slice(3, 5) === '00' || compact.slice(5) === '0000') {
    return undefined;
  }
  return compact;
}

export function maskSsn(nineDigits: string): string {
  return `•••-••-${nineDigits.slice(5)}`;
}

/** Digits of a phone number, with a leading + kept out: "+1 (555) 010-2030" → "15550102030". */
export function phoneDigits(input: string): string {
  return input.replace(/\D/g, '');
}

/**
 * The keys a phone is found by: all its digits, and the last ten (a US number typed with or
 * without the country code) when it has more. A search typed either way meets one of them.
 */
export function phoneSearchKeys(input: string): string[] {
  const digits = phoneDigits(input);
  if (digits.length < 7) {
    return [];
  }
  return digits.length > 10 ? [digits, digits.slice(-10)] : [digits];
}

/**
 * Names compared without case, accents or Arabic short vowels: "José" finds "Jose", "مُحَمَّد" finds
 * "محمد". Combining marks are dropped after canonical decomposition; tatweel is dropped too.
 */
export function normalizeNameForSearch(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u0640/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export type ClientQueryKind = 'a_number' | 'receipt_number' | 'phone' | 'name';

/** What a search box entry most likely is, so the right index answers it. */
export function classifyClientQuery(q: string): { kind: ClientQueryKind; value: string } {
  const trimmed = q.trim();
  if (/^a[\s-]?[\d\s-]+$/i.test(trimmed)) {
    const aNumber = normalizeANumber(trimmed);
    if (aNumber) {
      return { kind: 'a_number', value: aNumber };
    }
  }
  const receipt = normalizeReceiptNumber(trimmed);
  if (receipt) {
    return { kind: 'receipt_number', value: receipt };
  }
  if (/^[+\d\s().-]+$/.test(trimmed)) {
    const digits = phoneDigits(trimmed);
    // Nine digits written alone are an A-number more often than a phone number in this field.
    if (digits.length === 9 || digits.length === 8) {
      return { kind: 'a_number', value: digits.padStart(9, '0') };
    }
    if (digits.length >= 7) {
      return { kind: 'phone', value: digits };
    }
  }
  return { kind: 'name', value: normalizeNameForSearch(trimmed) };
}

/** Everything a client is searched by name on, in search form: all names, the native one and aliases. */
export function clientSearchName(names: {
  givenName: string;
  familyName: string;
  middleName?: string | null;
  preferredName?: string | null;
  nativeName?: string | null;
  aliases?: readonly string[] | null;
}): string {
  return normalizeNameForSearch(
    [names.givenName, names.middleName, names.familyName, names.preferredName, names.nativeName, ...(names.aliases ?? [])]
      .filter(Boolean)
      .join(' '),
  );
}
