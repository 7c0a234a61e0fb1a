import type { MatterType } from '@haven/domain';
import { and, eq } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { staffCredentials } = schema;

/** Matters argued before the immigration court or the BIA: a partial accreditation does not reach them (8 CFR 1292.12). */
const EOIR_MATTER_TYPES: readonly MatterType[] = ['defensive_asylum', 'withholding_cat', 'removal_defense', 'appeal'];

export type RepresentationProblem = 'no_credential' | 'bar_not_active' | 'accreditation_expired' | 'partial_accreditation_before_eoir';

/**
 * May this member be a matter's representative on `onDate`? Only an attorney in good standing or
 * a DOJ-accredited representative whose accreditation has not expired (full accreditation for
 * court and BIA matters). Returns null when they may, else why not.
 */
export async function representationProblem(tx: Db, orgId: string, userId: string, matterType: MatterType, onDate: string): Promise<RepresentationProblem | null> {
  const credentials = await tx
    .select()
    .from(staffCredentials)
    .where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.userId, userId)))
    .limit(2);
  if (credentials.length === 0) {
    return 'no_credential';
  }
  const problems: RepresentationProblem[] = [];
  for (const credential of credentials) {
    if (credential.kind === 'attorney') {
      if (credential.barStatus === 'active' && (credential.expiresOn === null || credential.expiresOn >= onDate)) {
        return null;
      }
      problems.push('bar_not_active');
    } else {
      if (credential.expiresOn !== null && credential.expiresOn < onDate) {
        problems.push('accreditation_expired');
      } else if (credential.accreditationLevel !== 'full' && EOIR_MATTER_TYPES.includes(matterType)) {
        problems.push('partial_accreditation_before_eoir');
      } else {
        return null;
      }
    }
  }
  return problems[0] ?? 'no_credential';
}

export const REPRESENTATION_PROBLEM_MESSAGES: Record<RepresentationProblem, string> = {
  no_credential: 'Only an attorney or a DOJ-accredited representative can represent a client',
  bar_not_active: "This attorney's bar admission is not active",
  accreditation_expired: "This representative's accreditation has expired",
  partial_accreditation_before_eoir: 'A partially accredited representative cannot appear before the immigration court or the BIA',
};

/** Does this member hold an active attorney credential marked supervising attorney? */
export async function isSupervisingAttorney(tx: Db, orgId: string, userId: string): Promise<boolean> {
  const [credential] = await tx
    .select({ barStatus: staffCredentials.barStatus })
    .from(staffCredentials)
    .where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.userId, userId), eq(staffCredentials.kind, 'attorney'), eq(staffCredentials.supervisingAttorney, true)))
    .limit(1);
  return credential?.barStatus === 'active';
}
