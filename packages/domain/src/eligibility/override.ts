import { z } from 'zod';
import { Uuid } from '../schemas/common.js';

/**
 * Asking to enroll someone the rules do not find eligible (an exception request). The written
 * reason is required so a supervisor approves a decision they can read, and it goes into the
 * audit trail; the server records the request and the approval.
 */
export const EligibilityOverrideRequest = z.strictObject({
  programId: Uuid,
  reason: z
    .string({ error: 'Write the reason for the exception' })
    .trim()
    .min(10, { error: 'Write the reason for the exception' })
    .max(2000, { error: 'Use at most 2000 characters' }),
});
export type EligibilityOverrideRequest = z.infer<typeof EligibilityOverrideRequest>;
