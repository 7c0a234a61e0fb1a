import { describe, expect, it } from 'vitest';
import {
  classifyClientQuery,
  formatANumber,
  maskANumber,
  maskSsn,
  normalizeANumber,
  normalizeI94,
  normalizeNameForSearch,
  normalizeReceiptNumber,
  normalizeSsn,
  phoneSearchKeys,
} from './identifiers.js';

describe('identifiers', () => {
  it('accepts A-numbers of 8 or 9 digits in the usual spellings and pads to nine', () => {
    expect(normalizeANumber('A-123-456-789')).toBe('123456789');
    expect(normalizeANumber('a12345678')).toBe('012345678');
    expect(normalizeANumber('123 456 789')).toBe('123456789');
    expect(normalizeANumber('A12345B789')).toBeUndefined();
    expect(normalizeANumber('1234567')).toBeUndefined();
    expect(normalizeANumber('1234567890')).toBeUndefined();
    expect(formatANumber('012345678')).toBe('A-012-345-678');
    expect(maskANumber('012345678')).toBe('A-•••-••5-678');
  });

  it('accepts receipt numbers of three letters and ten digits only', () => {
    expect(normalizeReceiptNumber('ioe-0912345678')).toBe('IOE0912345678');
    expect(normalizeReceiptNumber('IOE091234567')).toBeUndefined();
    expect(normalizeReceiptNumber('IO10912345678')).toBeUndefined();
  });

  it('checks I-94 and SSN shapes and masks the SSN', () => {
    expect(normalizeI94('123456789A1')).toBe('123456789A1');
    expect(normalizeI94('12345678')).toBeUndefined();
    expect(normalizeSsn('123-45-6789')).toBe('123456789');
    expect(normalizeSsn('666-45-6789')).toBeUndefined();
    expect(normalizeSsn('923-45-6789')).toBeUndefined();
    expect(normalizeSsn('123-00-6789')).toBeUndefined();
    expect(maskSsn('123456789')).toBe('•••-••-6789');
  });

  it('finds a phone typed with or without the country code', () => {
    expect(phoneSearchKeys('+1 (555) 010-2030')).toEqual(['15550102030', '5550102030']);
    expect(phoneSearchKeys('555-010-2030')).toEqual(['5550102030']);
    expect(phoneSearchKeys('12')).toEqual([]);
  });

  it('compares names without case, accents or Arabic short vowels', () => {
    expect(normalizeNameForSearch('  José  MÜLLER ')).toBe('jose muller');
    expect(normalizeNameForSearch('مُحَمَّد')).toBe('محمد');
  });

  it('tells what a search box entry is', () => {
    expect(classifyClientQuery('A-123-456-789')).toEqual({ kind: 'a_number', value: '123456789' });
    expect(classifyClientQuery('123456789')).toEqual({ kind: 'a_number', value: '123456789' });
    expect(classifyClientQuery('IOE0912345678')).toEqual({ kind: 'receipt_number', value: 'IOE0912345678' });
    expect(classifyClientQuery('(555) 010-2030')).toEqual({ kind: 'phone', value: '5550102030' });
    expect(classifyClientQuery('Amina')).toEqual({ kind: 'name', value: 'amina' });
    expect(classifyClientQuery('Ahmad 2')).toEqual({ kind: 'name', value: 'ahmad 2' });
  });
});
