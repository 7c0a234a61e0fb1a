import { z } from 'zod';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

export const AuditEventResponse = z.object({
  id: Uuid,
  seq: z.number().int(),
  at: IsoDateTime,
  actorUserId: Uuid.nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEventResponse = z.infer<typeof AuditEventResponse>;

const DateOrDateTime = z.union([z.iso.date(), IsoDateTime]);

export const AuditQuery = z.strictObject({
  userId: Uuid.optional(),
  action: z.string().max(80).optional(),
  objectType: z.string().max(80).optional(),
  objectId: z.string().max(120).optional(),
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional(),
  limit: Limit,
  cursor: Cursor,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEventResponse), nextCursor: z.string().nullable() });
