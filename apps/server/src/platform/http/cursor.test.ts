import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeTimeCursor, encodeCursor } from './cursor.js';

describe('keyset cursors', () => {
  it('give back the values they were made from', () => {
    const id = randomUUID();
    expect(decodeCursor(encodeCursor(['Haddad', 'Amal', id]), 3)).toEqual(['Haddad', 'Amal', id]);
    const at = new Date('2026-11-22T10:00:00.000Z');
    expect(decodeTimeCursor(encodeCursor([at.toISOString(), id]))).toEqual({ at, id });
  });

  it('refuse anything else with a 400 naming cursor', () => {
    const id = randomUUID();
    for (const bad of ['abc', encodeCursor(['Haddad', id]), encodeCursor(['a', 'b', 'not-an-id']), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 3), bad).toThrow(expect.objectContaining({ statusCode: 400, fields: { cursor: expect.any(String) } }));
    }
    expect(() => decodeTimeCursor(encodeCursor(['yesterday', id]))).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});
