import { describe, expect, it } from 'vitest';
import { importMappingProblems, importRowToClientRequest, normalizeHeader, suggestImportMapping } from './client-import.js';

describe('client import: header suggestions', () => {
  it('recognizes English, Spanish and Arabic headers, with or without accents and hamza', () => {
    expect(suggestImportMapping(['First Name', 'APELLIDOS', 'Fecha de Nacimiento', 'الإسم', 'Teléfono', 'E-mail', 'I-94', 'Shoe size'])).toEqual({
      'First Name': 'givenName',
      APELLIDOS: 'familyName',
      'Fecha de Nacimiento': 'dateOfBirth',
      Teléfono: 'phone',
      'E-mail': 'email',
      'I-94': 'i94Number',
    });
    expect(normalizeHeader('الإسم')).toBe(normalizeHeader('الاسم'));
  });

  it('suggests a field for one column only: the second "Phone" column is left for the person to map', () => {
    expect(suggestImportMapping(['Phone', 'Mobile'])).toEqual({ Phone: 'phone' });
  });

  it('names the columns a mapping cannot use', () => {
    expect(importMappingProblems(['A', 'B'], { A: 'givenName', B: 'givenName', C: 'email' })).toEqual({
      'mapping.B': 'Another column ("A") is already mapped to this field',
      'mapping.C': 'The file has no such column',
      'mapping.familyName': 'Choose the column with the family name',
    });
  });
});

describe('client import: a row → a registration request', () => {
  const mapping = {
    Given: 'givenName',
    Family: 'familyName',
    Born: 'dateOfBirth',
    Estimated: 'dateOfBirthEstimated',
    Sex: 'sex',
    Status: 'immigrationStatus',
    Since: 'statusDate',
    Receipts: 'receiptNumbers',
    Street: 'addressLine1',
    City: 'city',
  } as const;

  it('reads yes/no in three languages, sex words, status names, lists and dates exported with a midnight time', () => {
    const result = importRowToClientRequest(
      { Given: 'Nour', Family: 'Saleh', Born: '1990-01-01 00:00:00', Estimated: 'نعم', Sex: 'Mujer', Status: 'Refugiado', Since: '2024-03-02', Receipts: 'ioe0912345678; IOE0912345679', Street: '1 Main St', City: 'Erie' },
      mapping,
    );
    expect(result).toEqual({
      ok: true,
      request: expect.objectContaining({
        givenName: 'Nour',
        dateOfBirth: '1990-01-01',
        dateOfBirthEstimated: true,
        sex: 'female',
        statuses: [{ status: 'refugee', effectiveFrom: '2024-03-02' }],
        receiptNumbers: ['IOE0912345678', 'IOE0912345679'],
        addresses: [expect.objectContaining({ line1: '1 Main St', city: 'Erie', country: 'US' })],
      }),
    });
  });

  it('reports each problem with the import field it came from', () => {
    const result = importRowToClientRequest({ Given: 'Nour', Family: '', Estimated: 'maybe', Status: 'refugee', City: 'Erie', Born: '1990-13-01' }, mapping);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'dateOfBirthEstimated', message: 'Write yes or no' },
        { field: 'statusDate', message: 'Enter the date this status began' },
        { field: 'familyName', message: 'Enter a family name' },
        { field: 'dateOfBirth', message: 'Enter a real date as YYYY-MM-DD' },
        { field: 'addressLine1', message: 'Enter the street address' },
      ],
    });
  });

  it('runs the cross-field rules: a status that began before birth is named on its date', () => {
    const result = importRowToClientRequest({ Given: 'Nour', Family: 'Saleh', Born: '2000-01-01', Status: 'asylee', Since: '1999-12-31' }, mapping);
    expect(result).toEqual({ ok: false, errors: [{ field: 'statusDate', message: 'This date is before the date of birth' }] });
  });

  it('reads 04/12/1991 in the date format the file uses, and refuses it when none is chosen', () => {
    const cells = { Given: 'Nour', Family: 'Saleh', Born: '04/12/1991', Status: 'refugee', Since: '3.1.2024' };
    const asDates = (format: 'month_first' | 'day_first') => {
      const result = importRowToClientRequest(cells, mapping, format);
      return result.ok ? [result.request.dateOfBirth, result.request.statuses?.[0]?.effectiveFrom] : result.errors;
    };
    expect(asDates('month_first')).toEqual(['1991-04-12', '2024-03-01']);
    expect(asDates('day_first')).toEqual(['1991-12-04', '2024-01-03']);
    expect(importRowToClientRequest(cells, mapping)).toMatchObject({ ok: false, errors: expect.arrayContaining([{ field: 'dateOfBirth', message: 'Enter a real date as YYYY-MM-DD' }]) });
    // 31/12 read month first is no date at all: refused, never shifted to another day.
    expect(importRowToClientRequest({ ...cells, Born: '12/31/1991' }, mapping, 'day_first')).toMatchObject({ ok: false });
  });
});
