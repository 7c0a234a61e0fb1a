import { z } from 'zod';
import { normalizeNameForSearch } from '../identifiers.js';
import { clientRecordProblems, CreateClientRequest } from './client.js';
import { IsoDateTime, Uuid } from './common.js';
import { IMMIGRATION_STATUSES, type ImmigrationStatus } from './immigration.js';

/**
 * Client import and export: a spreadsheet (CSV or XLSX) of clients is uploaded, its columns are
 * mapped to the fields below, every row is checked exactly as `POST /api/clients` would check it
 * (a dry run), and then all rows are registered in one transaction — or none.
 */

/**
 * The client fields a spreadsheet column can fill. One value per cell; the lists (aliases,
 * nationalities, receipt numbers) take several values separated by ";". The SSN is deliberately
 * not importable: a spreadsheet of SSNs is the kind of file that leaks, so it is typed in the
 * record, one person at a time.
 */
export const IMPORT_FIELDS = [
  'givenName',
  'familyName',
  'middleName',
  'preferredName',
  'nativeName',
  'aliases',
  'dateOfBirth',
  'dateOfBirthEstimated',
  'sex',
  'gender',
  'countryOfBirth',
  'nationalities',
  'preferredLanguage',
  'interpreterNeeded',
  'phone',
  'email',
  'addressLine1',
  'city',
  'region',
  'postalCode',
  'aNumber',
  'receiptNumbers',
  'i94Number',
  'firstArrivalDate',
  'lastArrivalDate',
  'immigrationStatus',
  'statusDate',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

/** The most rows one file may hold; larger caseloads are imported in several files. */
export const IMPORT_MAX_ROWS = 20_000;
/** The largest file accepted (bytes). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The row-by-row report keeps at most this many problems; the counts stay exact. */
export const IMPORT_MAX_REPORTED_ERRORS = 1_000;
export const IMPORT_CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const IMPORT_STATUSES = ['uploaded', 'checked', 'importing', 'completed', 'failed'] as const;

export const ImportUploadQuery = z.strictObject({
  /** The spreadsheet's name as the person chose it, shown in the list of recent imports. */
  filename: z.string().trim().min(1, { error: 'Name the file' }).max(200, { error: 'Use at most 200 characters' }),
});

/** Column header → client field. Columns left out are not imported. */
export const ImportMapping = z.record(z.string().max(200), ImportField);
export type ImportMapping = z.infer<typeof ImportMapping>;

/**
 * How the file writes dates that are not YYYY-MM-DD: 04/12/1991 is 12 April in a US spreadsheet
 * and 4 December in most others, so the person importing says which (year-first dates are read
 * either way).
 */
export const IMPORT_DATE_FORMATS = ['iso', 'month_first', 'day_first'] as const;
export const ImportDateFormat = z.enum(IMPORT_DATE_FORMATS);
export type ImportDateFormat = z.infer<typeof ImportDateFormat>;

export const UpdateImportRequest = z.strictObject({
  mapping: ImportMapping,
  dateFormat: ImportDateFormat.optional(),
  /** The version read: a mapping changed by someone else meanwhile is refused, not overwritten. */
  version: z.number().int().min(1),
});
export type UpdateImportRequest = z.infer<typeof UpdateImportRequest>;

/** One problem in one cell: the row number as the spreadsheet shows it (the header is row 1). */
export const ImportRowError = z.object({
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportProgress = z.object({
  phase: z.enum(['checking', 'importing']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportSummary = z.object({
  id: Uuid,
  filename: z.string(),
  format: ImportFormat,
  status: z.enum(IMPORT_STATUSES),
  totalRows: z.number().int(),
  /** Rows that passed the last dry run; null before one ran on the current mapping. */
  validRows: z.number().int().nullable(),
  importedRows: z.number().int().nullable(),
  /** While a dry run or the import runs: how far it is. */
  progress: ImportProgress.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportResponse = ImportSummary.extend({
  columns: z.array(z.string()),
  mapping: ImportMapping,
  dateFormat: ImportDateFormat,
  /** What Haven guesses from the header names (English, Spanish or Arabic). */
  suggestedMapping: ImportMapping,
  /** The dry run's report, first problems first (at most IMPORT_MAX_REPORTED_ERRORS). */
  errors: z.array(ImportRowError),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

export const ImportList = z.object({ items: z.array(ImportSummary) });

export const ClientExportQuery = z.strictObject({
  format: ImportFormat.default('csv'),
  /**
   * The organization the list is for. A protected client is included only when their consent in
   * force names this organization and covers identity, contact and immigration data.
   */
  recipient: z.string().trim().min(2, { error: 'Name the organization the list is for' }).max(200).optional(),
});

/* ------------------------------------------------------------------------------------------ */
/* Header suggestions                                                                          */
/* ------------------------------------------------------------------------------------------ */

/** Header names people write, in search form (lower case, no accents, Arabic without marks). */
const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  givenName: ['given name', 'given names', 'first name', 'firstname', 'forename', 'nombre', 'nombres', 'primer nombre', 'الاسم', 'الاسم الاول', 'الاسم الشخصي'],
  familyName: ['family name', 'last name', 'lastname', 'surname', 'apellido', 'apellidos', 'اسم العائلة', 'العائلة', 'الكنية', 'اللقب'],
  middleName: ['middle name', 'middle names', 'segundo nombre', 'الاسم الاوسط', 'اسم الاب'],
  preferredName: ['preferred name', 'nickname', 'known as', 'nombre preferido', 'apodo', 'الاسم المفضل'],
  nativeName: ['native name', 'name in native script', 'native script name', 'nombre nativo', 'nombre en escritura nativa', 'الاسم باللغة الام', 'الاسم بالعربية'],
  aliases: ['alias', 'aliases', 'other names', 'aka', 'otros nombres', 'alias nombres', 'اسماء اخرى', 'الاسماء الاخرى'],
  dateOfBirth: ['date of birth', 'dob', 'birth date', 'birthdate', 'birthday', 'fecha de nacimiento', 'fecha nacimiento', 'تاريخ الميلاد', 'تاريخ الولادة'],
  dateOfBirthEstimated: ['date of birth estimated', 'dob estimated', 'estimated dob', 'birth date estimated', 'fecha de nacimiento estimada', 'تاريخ الميلاد تقديري'],
  sex: ['sex', 'sexo', 'الجنس'],
  gender: ['gender', 'gender identity', 'genero', 'identidad de genero', 'النوع الاجتماعي', 'الهوية الجندرية'],
  countryOfBirth: ['country of birth', 'birth country', 'birthplace', 'pais de nacimiento', 'pais nacimiento', 'بلد الميلاد', 'بلد الولادة'],
  nationalities: ['nationality', 'nationalities', 'citizenship', 'nacionalidad', 'nacionalidades', 'الجنسية', 'الجنسيات'],
  preferredLanguage: ['preferred language', 'language', 'primary language', 'idioma', 'idioma preferido', 'lengua', 'اللغة', 'اللغة المفضلة'],
  interpreterNeeded: ['interpreter', 'interpreter needed', 'needs interpreter', 'interprete', 'necesita interprete', 'مترجم', 'يحتاج مترجم', 'يحتاج الى مترجم'],
  phone: ['phone', 'phone number', 'telephone', 'mobile', 'mobile phone', 'cell', 'cell phone', 'telefono', 'celular', 'movil', 'الهاتف', 'رقم الهاتف', 'الجوال', 'رقم الجوال'],
  email: ['email', 'e mail', 'email address', 'correo', 'correo electronico', 'البريد الالكتروني', 'البريد الإلكتروني', 'الايميل'],
  addressLine1: ['address', 'street', 'street address', 'address line 1', 'direccion', 'calle', 'العنوان', 'الشارع'],
  city: ['city', 'town', 'ciudad', 'المدينة'],
  region: ['state', 'region', 'province', 'estado', 'provincia', 'الولاية', 'المنطقة'],
  postalCode: ['zip', 'zip code', 'zipcode', 'postal code', 'postcode', 'codigo postal', 'الرمز البريدي'],
  aNumber: ['a number', 'anumber', 'a no', 'a#', 'alien number', 'alien registration number', 'numero a', 'numero de extranjero', 'رقم الاجنبي', 'رقم a'],
  receiptNumbers: ['receipt number', 'receipt numbers', 'receipt', 'uscis receipt', 'uscis receipt number', 'numero de recibo', 'recibo', 'رقم الايصال', 'رقم الإيصال'],
  i94Number: ['i 94', 'i94', 'i 94 number', 'i94 number', 'numero i 94', 'رقم i 94'],
  firstArrivalDate: ['first arrival', 'first arrival date', 'date of first arrival', 'fecha de primera llegada', 'primera llegada', 'تاريخ الوصول الاول'],
  lastArrivalDate: ['arrival date', 'date of arrival', 'last arrival', 'last arrival date', 'us arrival date', 'fecha de llegada', 'fecha de ultima llegada', 'ultima llegada', 'تاريخ الوصول', 'تاريخ اخر وصول'],
  immigrationStatus: ['immigration status', 'status', 'legal status', 'estatus migratorio', 'estado migratorio', 'estatus', 'الوضع القانوني', 'وضع الهجرة', 'الوضع'],
  statusDate: ['status date', 'status since', 'status effective date', 'date of status', 'fecha del estatus', 'fecha de estatus', 'تاريخ الوضع'],
};

/** A header in search form: "Fecha de Nacimiento" → "fecha de nacimiento", "الإسم" → "الاسم". */
export function normalizeHeader(header: string): string {
  return normalizeNameForSearch(header)
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim();
}

const FIELD_BY_HEADER = new Map<string, ImportField>(
  (Object.entries(HEADER_SYNONYMS) as [ImportField, string[]][]).flatMap(([field, names]) => names.map((name) => [normalizeHeader(name), field] as const)),
);
// A column named after the API field ("givenName", "aNumber") maps to it too.
for (const field of IMPORT_FIELDS) {
  FIELD_BY_HEADER.set(normalizeHeader(field), field);
}

/** Column → field for the headers Haven recognizes; each field is suggested for one column at most. */
export function suggestImportMapping(columns: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<ImportField>();
  for (const column of columns) {
    const field = FIELD_BY_HEADER.get(normalizeHeader(column));
    if (field && !taken.has(field)) {
      mapping[column] = field;
      taken.add(field);
    }
  }
  return mapping;
}

/** Mapping problems as `{ "mapping.<column>": message }`; empty when the mapping can be used. */
export function importMappingProblems(columns: readonly string[], mapping: ImportMapping): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(columns);
  const seen = new Map<ImportField, string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!known.has(column)) {
      problems[`mapping.${column}`] = 'The file has no such column';
      continue;
    }
    if (seen.has(field)) {
      problems[`mapping.${column}`] = `Another column ("${seen.get(field)}") is already mapped to this field`;
      continue;
    }
    seen.set(field, column);
  }
  const mapped = new Set(Object.values(mapping));
  if (!mapped.has('givenName')) {
    problems['mapping.givenName'] = 'Choose the column with the given name';
  }
  if (!mapped.has('familyName')) {
    problems['mapping.familyName'] = 'Choose the column with the family name';
  }
  return problems;
}

/* ------------------------------------------------------------------------------------------ */
/* A row → a registration request                                                              */
/* ------------------------------------------------------------------------------------------ */

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'si', 'sí', 'نعم']);
const NO = new Set(['no', 'n', 'false', '0', 'لا']);

const SEX_WORDS: Record<string, 'female' | 'male' | 'intersex' | 'unknown'> = {
  f: 'female',
  female: 'female',
  woman: 'female',
  femenino: 'female',
  mujer: 'female',
  'انثى': 'female',
  m: 'male',
  male: 'male',
  man: 'male',
  masculino: 'male',
  hombre: 'male',
  'ذكر': 'male',
  intersex: 'intersex',
  intersexual: 'intersex',
  unknown: 'unknown',
  desconocido: 'unknown',
  'غير معروف': 'unknown',
};

const STATUS_WORDS: Record<string, ImmigrationStatus> = {
  refugiado: 'refugee',
  refugiada: 'refugee',
  'لاجئ': 'refugee',
  asilado: 'asylee',
  asilada: 'asylee',
  'حاصل على اللجوء': 'asylee',
  'permanent resident': 'lpr',
  'green card': 'lpr',
  'residente permanente': 'lpr',
  'مقيم دائم': 'lpr',
  'us citizen': 'citizen',
  ciudadano: 'citizen',
  ciudadana: 'citizen',
  'مواطن': 'citizen',
  'special immigrant visa': 'siv',
  'temporary protected status': 'tps',
  't visa': 't_nonimmigrant',
  'u visa': 'u_nonimmigrant',
  vawa: 'vawa_self_petitioner',
  otro: 'other',
};

function statusOf(value: string): string {
  const words = normalizeHeader(value);
  const key = words.replace(/ /g, '_');
  if ((IMMIGRATION_STATUSES as readonly string[]).includes(key)) {
    return key;
  }
  return STATUS_WORDS[words] ?? value;
}

function booleanOf(value: string): boolean | string {
  const word = normalizeNameForSearch(value);
  if (YES.has(word)) {
    return true;
  }
  if (NO.has(word)) {
    return false;
  }
  return value;
}

function listOf(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * A cell's date as YYYY-MM-DD. "2024-03-02 00:00:00" (exported with a time of midnight) is the date
 * alone; 04/12/1991, 4.12.1991 or 4-12-1991 are read in the file's `dateFormat`. Anything else is
 * left as written, for the schema to refuse with its own message.
 */
function dateOf(value: string, dateFormat: ImportDateFormat): string {
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(value);
  if (iso) {
    return iso[1]!;
  }
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!parts || dateFormat === 'iso') {
    return value;
  }
  const [first, second, year] = [parts[1]!, parts[2]!, parts[3]!];
  const [month, day] = dateFormat === 'month_first' ? [first, second] : [second, first];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** API field path → the import field it came from, so each problem names what the person mapped. */
function importFieldOf(path: readonly PropertyKey[]): string {
  const [head, , leaf] = path.map(String);
  switch (head) {
    case 'phones':
      return 'phone';
    case 'addresses':
      return leaf === 'city' || leaf === 'region' || leaf === 'postalCode' ? leaf : 'addressLine1';
    case 'statuses':
      return leaf === 'effectiveFrom' ? 'statusDate' : 'immigrationStatus';
    case undefined:
      return 'row';
    default:
      return head;
  }
}

export type ImportRowResult = { ok: true; request: CreateClientRequest } | { ok: false; errors: { field: string; message: string }[] };

/**
 * One spreadsheet row (cells by column) → the registration request `POST /api/clients` takes,
 * checked by the same schema and cross-field rules: a row is valid exactly when the API would
 * accept it (apart from identifiers already taken, which need the database). Empty cells are
 * left out.
 */
export function importRowToClientRequest(
  cells: Readonly<Record<string, string>>,
  mapping: ImportMapping,
  dateFormat: ImportDateFormat = 'iso',
): ImportRowResult {
  const values: Partial<Record<ImportField, string>> = {};
  for (const [column, field] of Object.entries(mapping)) {
    const value = (cells[column] ?? '').trim();
    if (value) {
      values[field] = value;
    }
  }
  // An empty name cell reads as the empty field of a form would: "Enter a family name".
  const input: Record<string, unknown> = { givenName: '', familyName: '' };
  const errors: { field: string; message: string }[] = [];
  for (const field of ['givenName', 'familyName', 'middleName', 'preferredName', 'nativeName', 'gender', 'email', 'i94Number', 'aNumber'] as const) {
    if (values[field] !== undefined) {
      input[field] = values[field];
    }
  }
  for (const field of ['dateOfBirth', 'firstArrivalDate', 'lastArrivalDate'] as const) {
    if (values[field] !== undefined) {
      input[field] = dateOf(values[field], dateFormat);
    }
  }
  for (const field of ['dateOfBirthEstimated', 'interpreterNeeded'] as const) {
    if (values[field] !== undefined) {
      const parsed = booleanOf(values[field]);
      if (typeof parsed === 'boolean') {
        input[field] = parsed;
      } else {
        errors.push({ field, message: 'Write yes or no' });
      }
    }
  }
  if (values.sex !== undefined) {
    input.sex = SEX_WORDS[normalizeNameForSearch(values.sex)] ?? values.sex;
  }
  if (values.countryOfBirth !== undefined) {
    input.countryOfBirth = values.countryOfBirth.toUpperCase();
  }
  if (values.nationalities !== undefined) {
    input.nationalities = listOf(values.nationalities.toUpperCase(), /[;,]/);
  }
  if (values.preferredLanguage !== undefined) {
    input.preferredLanguage = values.preferredLanguage.toLowerCase();
  }
  if (values.aliases !== undefined) {
    input.aliases = listOf(values.aliases, /;/);
  }
  if (values.receiptNumbers !== undefined) {
    input.receiptNumbers = listOf(values.receiptNumbers, /[;,]/);
  }
  if (values.phone !== undefined) {
    input.phones = [{ number: values.phone }];
  }
  if (values.addressLine1 !== undefined || values.city !== undefined || values.region !== undefined || values.postalCode !== undefined) {
    input.addresses = [
      {
        line1: values.addressLine1 ?? '',
        city: values.city ?? '',
        ...(values.region !== undefined ? { region: values.region } : {}),
        ...(values.postalCode !== undefined ? { postalCode: values.postalCode } : {}),
      },
    ];
  }
  if (values.immigrationStatus !== undefined && values.statusDate === undefined) {
    errors.push({ field: 'statusDate', message: 'Enter the date this status began' });
  } else if (values.immigrationStatus === undefined && values.statusDate !== undefined) {
    errors.push({ field: 'immigrationStatus', message: 'Enter the status that began on this date' });
  } else if (values.immigrationStatus !== undefined && values.statusDate !== undefined) {
    input.statuses = [{ status: statusOf(values.immigrationStatus), effectiveFrom: dateOf(values.statusDate, dateFormat) }];
  }

  const parsed = CreateClientRequest.safeParse(input);
  if (!parsed.success) {
    const reported = new Set(errors.map((e) => e.field));
    for (const issue of parsed.error.issues) {
      const field = importFieldOf(issue.path);
      if (!reported.has(field)) {
        reported.add(field);
        errors.push({ field, message: issue.message });
      }
    }
  }
  if (errors.length > 0 || !parsed.success) {
    return { ok: false, errors };
  }
  const request = parsed.data;
  const problems = clientRecordProblems({
    dateOfBirth: request.dateOfBirth ?? null,
    firstArrivalDate: request.firstArrivalDate ?? null,
    lastArrivalDate: request.lastArrivalDate ?? null,
    isProtected: false,
    protectionBasis: null,
    preferredLanguage: request.preferredLanguage ?? null,
    languages: request.languages ?? [],
    statuses: request.statuses ?? [],
    addresses: request.addresses ?? [],
  });
  const problemFields = Object.entries(problems);
  if (problemFields.length > 0) {
    return { ok: false, errors: problemFields.map(([path, message]) => ({ field: importFieldOf(path.split('.')), message })) };
  }
  return { ok: true, request };
}
