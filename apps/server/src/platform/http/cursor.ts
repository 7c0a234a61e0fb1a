import { badRequest } from '../errors.js';

/**
 * Keyset cursors: the ordering values of the last row of a page, ending with its id, as opaque
 * base64url text. A cursor is only ever decoded back into the values of the query that made it;
 * anything else is a 400 naming `cursor`.
 */
export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invalidCursor(): Error {
  return badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
}

/** The `arity` strings a cursor holds, the last an id. */
export function decodeCursor(cursor: string, arity: number): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== arity || !values.every((v) => typeof v === 'string') || !UUID.test(values.at(-1) as string)) {
    throw invalidCursor();
  }
  return values as string[];
}

/** A cursor of (timestamp, id), for lists newest first. */
export function decodeTimeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = decodeCursor(cursor, 2) as [string, string];
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) {
    throw invalidCursor();
  }
  return { at: date, id };
}
