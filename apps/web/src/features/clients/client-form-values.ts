/**
 * The client form's values (strings as the inputs hold them) and their conversion to and from the
 * API's shapes. The request is then checked with the same zod schema the API uses.
 */
import type { TFunction } from 'i18next';
import { CreateClientRequest, UpdateClientRequest, clientRecordProblems } from '@haven/domain';
import type { Client } from '../../app/api-types';
import { type FieldErrors, zodFieldErrors } from '../../app/forms';
import type { CreateClientBody, UpdateClientBody } from './clients-api';

export interface LanguageRow {
  language: string;
  proficiency: string;
}

export interface PhoneRow {
  number: string;
  kind: string;
  whatsapp: boolean;
  sms: boolean;
}

export interface AddressRow {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  movedIn: string;
  movedOut: string;
}

export interface StatusRow {
  status: string;
  effectiveFrom: string;
  effectiveTo: string;
  evidence: string;
}

export interface ClientFormValues {
  givenName: string;
  middleName: string;
  familyName: string;
  preferredName: string;
  nativeName: string;
  aliases: string[];
  dateOfBirth: string;
  dateOfBirthEstimated: boolean;
  sex: string;
  gender: string;
  countryOfBirth: string;
  nationalities: string[];
  languages: LanguageRow[];
  preferredLanguage: string;
  interpreterNeeded: boolean;
  phones: PhoneRow[];
  email: string;
  addresses: AddressRow[];
  aNumber: string;
  receiptNumbers: string[];
  i94Number: string;
  /** Write-only: empty on edit means "keep the number on file". */
  ssn: string;
  firstArrivalDate: string;
  lastArrivalDate: string;
  statuses: StatusRow[];
  isProtected: boolean;
  protectionBasis: string;
  suspectedAbuser: boolean;
}

export const EMPTY_LANGUAGE: LanguageRow = { language: '', proficiency: 'native' };
export const EMPTY_PHONE: PhoneRow = { number: '', kind: 'mobile', whatsapp: false, sms: false };
export const EMPTY_ADDRESS: AddressRow = { line1: '', line2: '', city: '', region: '', postalCode: '', country: 'US', movedIn: '', movedOut: '' };
export const EMPTY_STATUS: StatusRow = { status: '', effectiveFrom: '', effectiveTo: '', evidence: '' };

export function emptyClientForm(): ClientFormValues {
  return {
    givenName: '',
    middleName: '',
    familyName: '',
    preferredName: '',
    nativeName: '',
    aliases: [],
    dateOfBirth: '',
    dateOfBirthEstimated: false,
    sex: '',
    gender: '',
    countryOfBirth: '',
    nationalities: [],
    languages: [],
    preferredLanguage: '',
    interpreterNeeded: false,
    phones: [],
    email: '',
    addresses: [],
    aNumber: '',
    receiptNumbers: [],
    i94Number: '',
    ssn: '',
    firstArrivalDate: '',
    lastArrivalDate: '',
    statuses: [],
    isProtected: false,
    protectionBasis: '',
    suspectedAbuser: false,
  };
}

export function clientToForm(client: Client): ClientFormValues {
  return {
    givenName: client.givenName,
    middleName: client.middleName ?? '',
    familyName: client.familyName,
    preferredName: client.preferredName ?? '',
    nativeName: client.nativeName ?? '',
    aliases: [...client.aliases],
    dateOfBirth: client.dateOfBirth ?? '',
    dateOfBirthEstimated: client.dateOfBirthEstimated,
    sex: client.sex ?? '',
    gender: client.gender ?? '',
    countryOfBirth: client.countryOfBirth ?? '',
    nationalities: [...client.nationalities],
    languages: client.languages.map((l) => ({ language: l.language, proficiency: l.proficiency })),
    preferredLanguage: client.preferredLanguage ?? '',
    interpreterNeeded: client.interpreterNeeded,
    phones: client.phones.map((p) => ({ ...p })),
    email: client.email ?? '',
    addresses: client.addresses.map((a) => ({
      line1: a.line1,
      line2: a.line2 ?? '',
      city: a.city,
      region: a.region ?? '',
      postalCode: a.postalCode ?? '',
      country: a.country,
      movedIn: a.movedIn ?? '',
      movedOut: a.movedOut ?? '',
    })),
    aNumber: client.aNumber ?? '',
    receiptNumbers: [...client.receiptNumbers],
    i94Number: client.i94Number ?? '',
    ssn: '',
    firstArrivalDate: client.firstArrivalDate ?? '',
    lastArrivalDate: client.lastArrivalDate ?? '',
    statuses: client.statuses.map((s) => ({
      status: s.status,
      effectiveFrom: s.effectiveFrom,
      effectiveTo: s.effectiveTo ?? '',
      evidence: s.evidence ?? '',
    })),
    isProtected: client.isProtected,
    protectionBasis: client.protectionBasis ?? '',
    suspectedAbuser: client.suspectedAbuser,
  };
}

/** An empty box is "not given": null for a single value, left out inside a row. */
function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function orUndefined(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Every writable field as the request would carry it (before the schema normalizes it). */
function draftOf(values: ClientFormValues): Record<string, unknown> {
  return {
    givenName: values.givenName,
    familyName: values.familyName,
    middleName: orNull(values.middleName),
    preferredName: orNull(values.preferredName),
    nativeName: orNull(values.nativeName),
    aliases: values.aliases.map((a) => a.trim()).filter(Boolean),
    dateOfBirth: orNull(values.dateOfBirth),
    dateOfBirthEstimated: values.dateOfBirthEstimated,
    sex: orNull(values.sex),
    gender: orNull(values.gender),
    countryOfBirth: orNull(values.countryOfBirth),
    nationalities: values.nationalities,
    languages: values.languages.map((l) => ({ language: l.language, proficiency: l.proficiency })),
    preferredLanguage: orNull(values.preferredLanguage),
    interpreterNeeded: values.interpreterNeeded,
    phones: values.phones.map((p) => ({ number: p.number, kind: p.kind, whatsapp: p.whatsapp, sms: p.sms })),
    email: orNull(values.email),
    addresses: values.addresses.map((a) => ({
      line1: a.line1,
      line2: orUndefined(a.line2),
      city: a.city,
      region: orUndefined(a.region),
      postalCode: orUndefined(a.postalCode),
      country: a.country || 'US',
      movedIn: orUndefined(a.movedIn),
      movedOut: orUndefined(a.movedOut),
    })),
    aNumber: orNull(values.aNumber),
    receiptNumbers: values.receiptNumbers.map((r) => r.trim()).filter(Boolean),
    i94Number: orNull(values.i94Number),
    firstArrivalDate: orNull(values.firstArrivalDate),
    lastArrivalDate: orNull(values.lastArrivalDate),
    statuses: values.statuses.map((s) => ({
      status: s.status,
      effectiveFrom: s.effectiveFrom,
      effectiveTo: orUndefined(s.effectiveTo),
      evidence: orUndefined(s.evidence),
    })),
    isProtected: values.isProtected,
    protectionBasis: values.isProtected ? orNull(values.protectionBasis) : null,
    suspectedAbuser: values.suspectedAbuser,
  };
}

type Checked<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** The checks that need several fields (arrival after birth …), as the API runs them. */
function crossFieldErrors(body: CreateClientBody, t: TFunction): FieldErrors {
  const problems = clientRecordProblems({
    dateOfBirth: body.dateOfBirth ?? null,
    firstArrivalDate: body.firstArrivalDate ?? null,
    lastArrivalDate: body.lastArrivalDate ?? null,
    isProtected: body.isProtected ?? false,
    protectionBasis: body.protectionBasis ?? null,
    preferredLanguage: body.preferredLanguage ?? null,
    languages: body.languages ?? [],
    statuses: body.statuses ?? [],
    addresses: body.addresses ?? [],
  });
  return zodFieldErrors({ issues: Object.entries(problems).map(([path, message]) => ({ code: 'custom', path: path.split('.'), message })) }, t);
}

export function buildCreateRequest(values: ClientFormValues, t: TFunction): Checked<CreateClientBody> {
  const draft = draftOf(values);
  const ssn = orUndefined(values.ssn);
  const parsed = CreateClientRequest.safeParse(ssn ? { ...draft, ssn } : draft);
  if (!parsed.success) {
    return { ok: false, errors: zodFieldErrors(parsed.error, t) };
  }
  const problems = crossFieldErrors(parsed.data, t);
  if (Object.keys(problems).length > 0) {
    return { ok: false, errors: problems };
  }
  return { ok: true, body: parsed.data };
}

/**
 * Only the fields that changed, with the version that was read: the API merges them and refuses
 * the save (409) when someone else saved in between. The SSN goes only when a new one is typed.
 */
export function buildUpdateRequest(
  values: ClientFormValues,
  initial: ClientFormValues,
  version: number,
  t: TFunction,
): Checked<UpdateClientBody> | { ok: 'unchanged' } {
  const draft = draftOf(values);
  const before = draftOf(initial);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) {
      changes[key] = value;
    }
  }
  const ssn = orUndefined(values.ssn);
  if (ssn) {
    changes.ssn = ssn;
  }
  if (Object.keys(changes).length === 0) {
    return { ok: 'unchanged' };
  }
  // The whole record is checked, so a change that breaks a cross-field rule is caught here too.
  const whole = CreateClientRequest.safeParse(ssn ? { ...draft, ssn } : draft);
  if (!whole.success) {
    return { ok: false, errors: zodFieldErrors(whole.error, t) };
  }
  const problems = crossFieldErrors(whole.data, t);
  if (Object.keys(problems).length > 0) {
    return { ok: false, errors: problems };
  }
  const parsed = UpdateClientRequest.safeParse({ ...changes, version });
  if (!parsed.success) {
    return { ok: false, errors: zodFieldErrors(parsed.error, t) };
  }
  return { ok: true, body: parsed.data };
}
