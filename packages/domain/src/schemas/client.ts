import { z } from 'zod';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

/**
 * The client registry grows in the clients issue; this is the core record the foundation needs
 * to show organization isolation, protected-record invisibility and audited sensitive reads.
 */
export const ClientResponse = z.object({
  id: Uuid,
  givenName: z.string(),
  familyName: z.string(),
  preferredLanguage: z.string().nullable(),
  countryOfBirth: z.string().nullable(),
  isProtected: z.boolean(),
  createdAt: IsoDateTime,
});
export type ClientResponse = z.infer<typeof ClientResponse>;

export const CreateClientRequest = z.strictObject({
  givenName: z.string().trim().min(1, { error: 'Enter a given name' }).max(120),
  familyName: z.string().trim().min(1, { error: 'Enter a family name' }).max(120),
  preferredLanguage: z.string().trim().max(35).optional(),
  countryOfBirth: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'Use a two-letter country code' })
    .optional(),
});

export const ClientQuery = z.strictObject({
  q: z.string().trim().max(120).optional(),
  limit: Limit,
  cursor: Cursor,
});

export const ClientPage = z.object({ items: z.array(ClientResponse), nextCursor: z.string().nullable() });
