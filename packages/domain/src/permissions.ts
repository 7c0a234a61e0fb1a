import type { Role } from './roles.js';

/**
 * Every action Haven authorizes. The API checks them in services; the web app imports the same
 * map to hide what a user may not do. Adding a capability means adding an action here first.
 */
export const ACTIONS = [
  'org.read',
  'org.update',
  'member.read',
  'member.invite',
  'member.update',
  'program.read',
  'program.manage',
  'office.read',
  'office.manage',
  'audit.read',
  'audit.export',
  'outbox.read',
  'client.read',
  'client.create',
  'client.update',
  'client.assign',
  'client.unprotect',
  'client.merge',
  'client.import',
  'client.export',
  'intake.manage',
  'enrollment.manage',
  'exception.request',
  'exception.decide',
  // Case management (issue 4). case.read: the cases one works (primary case manager, or assigned
  // to the client); case.read_all: every case in the organization (supervision, audit).
  'case.read',
  'case.read_all',
  'case.manage',
  'case.supervise',
  'instrument.manage',
  'report.read',
  // Legal matters (issue 5). matter.read: the matters one represents, supervises or screened;
  // matter.read_all: every matter (supervision, direction, audit); matter.decide: acceptance and
  // fee waiver decisions (acceptance also needs a supervising attorney's credential).
  'matter.read',
  'matter.read_all',
  'matter.manage',
  'matter.decide',
  'fee.configure',
  'credential.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const ADMIN_ACTIONS = [
  'org.read',
  'org.update',
  'member.read',
  'member.invite',
  'member.update',
  'program.read',
  'program.manage',
  'office.read',
  'office.manage',
  'audit.read',
  'audit.export',
  'outbox.read',
] as const satisfies readonly Action[];

const CASEWORK = [
  'client.read',
  'client.create',
  'client.update',
  'intake.manage',
  'enrollment.manage',
  'exception.request',
] as const satisfies readonly Action[];

/** Reading every case in the organization and its reports: supervision, direction, audit. */
const CASE_OVERSIGHT = ['case.read', 'case.read_all', 'report.read'] as const satisfies readonly Action[];

/**
 * Role → actions. Deliberately narrow: the org admin runs the organization but reads client
 * records only as any other member would (object checks still apply to protected clients); a
 * volunteer sees nothing of the case file — later care-team features give them task-sized views.
 */
export const ROLE_ACTIONS = {
  org_admin: [
    ...ADMIN_ACTIONS,
    ...CASEWORK,
    'client.assign',
    'client.merge',
    'client.import',
    'client.export',
    ...CASE_OVERSIGHT,
    'case.manage',
    'case.supervise',
    'instrument.manage',
    'matter.read',
    'matter.read_all',
    'fee.configure',
    'credential.manage',
  ],
  program_director: [
    'org.read',
    'member.read',
    'program.read',
    'program.manage',
    'office.read',
    'client.read',
    'client.export',
    'exception.request',
    'exception.decide',
    ...CASE_OVERSIGHT,
    'case.supervise',
    'instrument.manage',
    'matter.read',
    'matter.read_all',
    'matter.decide',
    'fee.configure',
    'credential.manage',
  ],
  // Supervisors hold the record-quality decisions: merging duplicates, lifting a protection.
  supervisor: [
    'org.read',
    'member.read',
    'program.read',
    'office.read',
    ...CASEWORK,
    'client.assign',
    'client.unprotect',
    'client.merge',
    'client.import',
    'client.export',
    'exception.decide',
    ...CASE_OVERSIGHT,
    'case.manage',
    'case.supervise',
    'matter.read',
    'matter.read_all',
    'matter.manage',
    'matter.decide',
  ],
  case_manager: ['org.read', 'program.read', 'office.read', ...CASEWORK, 'case.read', 'case.manage'],
  legal_representative: [
    'org.read',
    'program.read',
    'office.read',
    ...CASEWORK,
    'case.read',
    'case.manage',
    'matter.read',
    'matter.manage',
    'matter.decide',
  ],
  intake_specialist: [
    'org.read',
    'program.read',
    'office.read',
    'client.read',
    'client.create',
    // Intake workers correct what they registered and group families into households.
    'client.update',
    'client.import',
    'intake.manage',
    'enrollment.manage',
    'exception.request',
  ],
  volunteer: ['org.read'],
  auditor: ['org.read', 'member.read', 'program.read', 'office.read', 'audit.read', 'audit.export', 'client.read', ...CASE_OVERSIGHT, 'matter.read', 'matter.read_all'],
} as const satisfies Record<Role, readonly Action[]>;

/** Role-level check: may a holder of this role perform this action at all? */
export function roleCan(role: Role | null | undefined, action: Action): boolean {
  if (!role) {
    return false;
  }
  const allowed: readonly Action[] = ROLE_ACTIONS[role] ?? [];
  return allowed.includes(action);
}

export function actionsFor(role: Role): Action[] {
  return [...ROLE_ACTIONS[role]];
}

/** Who is asking: the signed-in user acting in their active organization. */
export interface Subject {
  userId: string;
  orgId: string;
  role: Role;
}

/** The objects an object-level check knows. Anything else is denied. */
export type Resource =
  | { kind: 'organization'; orgId: string }
  | { kind: 'member'; orgId: string; userId: string }
  | { kind: 'program'; orgId: string }
  | { kind: 'office'; orgId: string }
  | { kind: 'client'; orgId: string; isProtected: boolean; assignedUserIds: readonly string[] };

/**
 * Object-level check: the role must allow the action AND the object must belong to the
 * subject's organization AND any object-specific rule must pass. Protected clients (VAWA, T, U:
 * 8 USC 1367) are visible only to the users assigned to them — not even org admins see them.
 */
export function can(subject: Subject, action: Action, resource: Resource): boolean {
  if (!roleCan(subject.role, action) || resource.orgId !== subject.orgId) {
    return false;
  }
  switch (resource.kind) {
    case 'organization':
    case 'member':
    case 'program':
    case 'office':
      return true;
    case 'client':
      return !resource.isProtected || resource.assignedUserIds.includes(subject.userId);
    default:
      return false;
  }
}
