import { type MatterType, renewalPending, todayIn } from '@haven/domain';
import { and, desc, eq } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';
import { organizationTimeZone } from '../enrollments/repository.js';

const { staffCredentials, orgRecognitions } = schema;

/** Matters argued before the immigration court or the BIA: a partial accreditation does not reach them (8 CFR 1292.12). */
const EOIR_MATTER_TYPES: readonly MatterType[] = ['defensive_asylum', 'withholding_cat', 'removal_defense', 'appeal'];

export type RepresentationProblem = 'no_credential' | 'bar_not_active' | 'accreditation_expired' | 'partial_accreditation_before_eoir' | 'recognition_expired';

/** The fields of a staff credential the gate reads. */
export type GateCredential = Pick<typeof staffCredentials.$inferSelect, 'kind' | 'barStatus' | 'accreditationLevel' | 'expiresOn' | 'renewalFiledOn'>;

/**
 * The rule itself, on credentials already read: an attorney whose bar admission is active (and
 * whose card, if it has an expiry, has not expired) may represent on any matter; an accredited
 * representative only while the accreditation runs (the expiry day is the last valid day; past it
 * while a renewal filed on or before that day awaits EOIR's decision, 8 CFR 1292.16), only
 * with full accreditation before the court or the BIA (8 CFR 1292.12), and only while the
 * organization is recognized (8 CFR 1292.11: accreditation exists through a recognized
 * organization). `recognitionLapsed` is true when the organization has recorded its recognition
 * and none is current on `onDate`; with no recognition on record Haven cannot know, and does not block.
 */
export function credentialsProblem(credentials: readonly GateCredential[], matterType: MatterType, onDate: string, recognitionLapsed: boolean): RepresentationProblem | null {
  if (credentials.length === 0) {
    return 'no_credential';
  }
  const problems: RepresentationProblem[] = [];
  // An attorney's standing settles it; look at it first so a lapsed accreditation does not hide it.
  const ordered = [...credentials].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'attorney' ? -1 : 1));
  for (const credential of ordered) {
    if (credential.kind === 'attorney') {
      if (credential.barStatus === 'active' && (credential.expiresOn === null || credential.expiresOn >= onDate)) {
        return null;
      }
      problems.push('bar_not_active');
    } else if (credential.expiresOn !== null && credential.expiresOn < onDate && !renewalPending(credential)) {
      problems.push('accreditation_expired');
    } else if (credential.accreditationLevel !== 'full' && EOIR_MATTER_TYPES.includes(matterType)) {
      problems.push('partial_accreditation_before_eoir');
    } else if (recognitionLapsed) {
      problems.push('recognition_expired');
    } else {
      return null;
    }
  }
  return problems[0] ?? 'no_credential';
}

/** True when the organization has recorded a recognition and none is in force on `onDate`. */
export async function recognitionLapsed(tx: Db, orgId: string, onDate: string): Promise<boolean> {
  const [latest] = await tx
    .select({ recognizedOn: orgRecognitions.recognizedOn, expiresOn: orgRecognitions.expiresOn })
    .from(orgRecognitions)
    .where(eq(orgRecognitions.orgId, orgId))
    .orderBy(desc(orgRecognitions.expiresOn))
    .limit(1);
  return latest !== undefined && latest.expiresOn < onDate;
}

/**
 * May this member be a matter's representative on `onDate`? Only an attorney in good standing or
 * a DOJ-accredited representative whose accreditation has not expired (full accreditation for
 * court and BIA matters) of a recognized organization. Returns null when they may, else why not.
 */
export async function representationProblem(tx: Db, orgId: string, userId: string, matterType: MatterType, onDate: string): Promise<RepresentationProblem | null> {
  const credentials = await tx
    .select()
    .from(staffCredentials)
    .where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.userId, userId)))
    .limit(2);
  const needsRecognition = credentials.some((c) => c.kind === 'accredited_representative');
  return credentialsProblem(credentials, matterType, onDate, needsRecognition && (await recognitionLapsed(tx, orgId, onDate)));
}

export const REPRESENTATION_PROBLEM_MESSAGES: Record<RepresentationProblem, string> = {
  no_credential: 'Only an attorney or a DOJ-accredited representative can represent a client',
  bar_not_active: "This attorney's bar admission is not active",
  accreditation_expired: "This representative's accreditation has expired",
  partial_accreditation_before_eoir: 'A partially accredited representative cannot appear before the immigration court or the BIA',
  recognition_expired: "The organization's DOJ recognition has expired: its accredited representatives cannot represent clients until it is renewed",
};

/**
 * Does this member hold an active attorney credential marked supervising attorney, on `onDate`
 * (default: the organization's today)? A card past its expiry no longer counts, as for representing.
 */
export async function isSupervisingAttorney(tx: Db, orgId: string, userId: string, onDate?: string): Promise<boolean> {
  const [credential] = await tx
    .select({ barStatus: staffCredentials.barStatus, expiresOn: staffCredentials.expiresOn })
    .from(staffCredentials)
    .where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.userId, userId), eq(staffCredentials.kind, 'attorney'), eq(staffCredentials.supervisingAttorney, true)))
    .limit(1);
  if (credential?.barStatus !== 'active') {
    return false;
  }
  return credential.expiresOn === null || credential.expiresOn >= (onDate ?? todayIn(await organizationTimeZone(tx, orgId)));
}
