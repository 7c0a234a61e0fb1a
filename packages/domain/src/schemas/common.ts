import { z } from 'zod';

export const Uuid = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });
/** Trimmed and lower-cased before it is checked: "  Amina@Example.ORG" is amina@example.org. */
export const Email = z
  .string({ error: 'Enter a valid email address' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'Use at most 254 characters' })
  .pipe(z.email({ error: 'Enter a valid email address' }));

/** Long passphrases beat complexity rules (NIST SP 800-63B §5.1.1.2): length only, capped. */
export const NewPassword = z
  .string()
  .min(12, { error: 'Use at least 12 characters' })
  .max(256, { error: 'Use at most 256 characters' });

export const TotpCode = z.string().regex(/^\d{6}$/, { error: 'Enter the 6-digit code' });

export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 200;
export const Limit = z.coerce.number().int().min(1).max(LIMIT_MAX).default(LIMIT_DEFAULT);
export const Cursor = z.string().max(200).optional();

export const SUPPORTED_LOCALES = ['en', 'es', 'ar'] as const;
export const Locale = z.enum(SUPPORTED_LOCALES);
export type Locale = z.infer<typeof Locale>;
export const RTL_LOCALES: readonly Locale[] = ['ar'];

export const IdParams = z.strictObject({ id: Uuid });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
