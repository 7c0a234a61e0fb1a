/** The roles a member can hold in one organization. One role per membership. */
export const ROLES = [
  'org_admin',
  'program_director',
  'supervisor',
  'case_manager',
  'legal_representative',
  'intake_specialist',
  'volunteer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
