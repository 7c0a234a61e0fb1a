import { z } from 'zod';

/**
 * Immigration statuses a client can hold over time (the status history). The humanitarian parolee
 * groups are separate because ORR eligibility and its start date differ by group (RULES.md).
 */
export const IMMIGRATION_STATUSES = [
  'refugee',
  'asylee',
  'asylum_seeker_affirmative',
  'asylum_seeker_defensive',
  'cuban_haitian_entrant',
  'amerasian',
  'siv',
  'parolee_afghan',
  'parolee_ukrainian',
  'parolee_other',
  'tps',
  't_nonimmigrant',
  'u_nonimmigrant',
  'vawa_self_petitioner',
  'sijs',
  'unaccompanied_refugee_minor',
  'lpr',
  'citizen',
  'other',
] as const;
export const ImmigrationStatus = z.enum(IMMIGRATION_STATUSES);
export type ImmigrationStatus = z.infer<typeof ImmigrationStatus>;

/** Statuses protected by 8 USC 1367 confidentiality: holding one marks the client protected. */
export const PROTECTED_STATUSES: readonly ImmigrationStatus[] = ['t_nonimmigrant', 'u_nonimmigrant', 'vawa_self_petitioner'];
