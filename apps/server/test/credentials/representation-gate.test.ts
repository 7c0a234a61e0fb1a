import { addDays, type MatterType, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { isSupervisingAttorney, representationProblem } from '../../src/modules/credentials/access.js';
import { and, eq } from 'drizzle-orm';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createOrg, createTestApp, createUser } from '../support/app.js';
import { createCredentialRecord } from '../support/legal.js';

describe('the representation gate', async () => {
  const t = await createTestApp();
  const today = todayIn('America/New_York');
  const org = await createOrg(t);
  const orgId = org.id;
  const member = () => createUser(t, { orgId, role: 'legal_representative' });
  const gate = (userId: string, type: MatterType, onDate = today) => tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => representationProblem(tx, orgId, userId, type, onDate));

  it('refuses someone with no credential, an attorney whose bar admission is not active, and accepts an active attorney on any matter', async () => {
    expect(await gate((await member()).id, 'affirmative_asylum')).toBe('no_credential');
    for (const barStatus of ['inactive', 'suspended', 'disbarred'] as const) {
      const attorney = await member();
      await createCredentialRecord(t, orgId, attorney.id, { barStatus });
      expect(await gate(attorney.id, 'naturalization')).toBe('bar_not_active');
    }
    const active = await member();
    await createCredentialRecord(t, orgId, active.id);
    for (const type of ['removal_defense', 'appeal', 'affirmative_asylum'] as const) {
      expect(await gate(active.id, type)).toBeNull();
    }
    // A bar card with an expiry on record: valid through that day, not after.
    const carded = await member();
    await createCredentialRecord(t, orgId, carded.id, { expiresOn: today });
    expect(await gate(carded.id, 'tps')).toBeNull();
    expect(await gate(carded.id, 'tps', addDays(today, 1))).toBe('bar_not_active');
  });

  it('an accreditation is valid on its expiry day and expired the day after; partial accreditation stops at the court and the BIA', async () => {
    const full = await member();
    await createCredentialRecord(t, orgId, full.id, { kind: 'accredited_representative', accreditationLevel: 'full', expiresOn: today });
    expect(await gate(full.id, 'removal_defense')).toBeNull();
    expect(await gate(full.id, 'removal_defense', addDays(today, 1))).toBe('accreditation_expired');
    expect(await gate(full.id, 'work_permit', addDays(today, 1))).toBe('accreditation_expired');

    const partial = await member();
    await createCredentialRecord(t, orgId, partial.id, { kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today, 300) });
    for (const type of ['defensive_asylum', 'withholding_cat', 'removal_defense', 'appeal'] as const) {
      expect(await gate(partial.id, type)).toBe('partial_accreditation_before_eoir');
    }
    for (const type of ['affirmative_asylum', 'naturalization', 'family_petition', 't_visa'] as const) {
      expect(await gate(partial.id, type)).toBeNull();
    }
  });

  it('an attorney who is also accredited passes on the bar admission even when the accreditation lapsed; a suspended attorney with a valid accreditation passes on the accreditation', async () => {
    const both = await member();
    await createCredentialRecord(t, orgId, both.id);
    await createCredentialRecord(t, orgId, both.id, { kind: 'accredited_representative', expiresOn: addDays(today, -30) });
    expect(await gate(both.id, 'removal_defense')).toBeNull();

    const suspended = await member();
    await createCredentialRecord(t, orgId, suspended.id, { barStatus: 'suspended' });
    await createCredentialRecord(t, orgId, suspended.id, { kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today, 30) });
    expect(await gate(suspended.id, 'naturalization')).toBeNull();
    expect(await gate(suspended.id, 'removal_defense')).toBe('bar_not_active');
  });

  it('accredited representatives stop when the organization’s recorded recognition lapses; attorneys do not', async () => {
    const other = await createOrg(t);
    const rep = await createUser(t, { orgId: other.id, role: 'legal_representative' });
    const attorney = await createUser(t, { orgId: other.id, role: 'legal_representative' });
    await createCredentialRecord(t, other.id, rep.id, { kind: 'accredited_representative', expiresOn: addDays(today, 300) });
    await createCredentialRecord(t, other.id, attorney.id);
    const otherGate = (userId: string, onDate = today) => tenantTransaction(t.database.db, { orgId: other.id, userId: null }, (tx) => representationProblem(tx, other.id, userId, 'naturalization', onDate));
    // No recognition on record: Haven cannot tell, and does not block.
    expect(await otherGate(rep.id)).toBeNull();
    await tenantTransaction(t.database.db, { orgId: other.id, userId: null }, (tx) =>
      tx.insert(schema.orgRecognitions).values({ orgId: other.id, recognizedOn: addDays(today, -1000), expiresOn: today }),
    );
    expect(await otherGate(rep.id)).toBeNull();
    expect(await otherGate(rep.id, addDays(today, 1))).toBe('recognition_expired');
    expect(await otherGate(attorney.id, addDays(today, 1))).toBeNull();
  });

  it('the supervising attorney is an attorney marked so whose bar admission is active and whose card, if it has an expiry, has not expired', async () => {
    const [marked, unmarked, inactive, carded, expired] = [await member(), await member(), await member(), await member(), await member()];
    await createCredentialRecord(t, orgId, marked.id, { supervisingAttorney: true });
    await createCredentialRecord(t, orgId, unmarked.id);
    await createCredentialRecord(t, orgId, inactive.id, { supervisingAttorney: true, barStatus: 'inactive' });
    // The expiry day is the last day the card counts (the organization's day).
    await createCredentialRecord(t, orgId, carded.id, { supervisingAttorney: true, expiresOn: today });
    await createCredentialRecord(t, orgId, expired.id, { supervisingAttorney: true, expiresOn: addDays(today, -1) });
    const check = (userId: string) => tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => isSupervisingAttorney(tx, orgId, userId));
    expect(await Promise.all([marked, unmarked, inactive, carded, expired].map((m) => check(m.id)))).toEqual([true, false, false, true, false]);
  });

  it('an accreditation whose renewal was filed on or before its expiry stays valid past it while EOIR decides (8 CFR 1292.16); a late filing does not help', async () => {
    const fileRenewal = (credentialId: string, renewalFiledOn: string) =>
      tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
        tx.update(schema.staffCredentials).set({ renewalFiledOn }).where(and(eq(schema.staffCredentials.orgId, orgId), eq(schema.staffCredentials.id, credentialId))),
      );
    const timely = await member();
    const onTime = await createCredentialRecord(t, orgId, timely.id, { kind: 'accredited_representative', accreditationLevel: 'full', expiresOn: addDays(today, -10) });
    expect(await gate(timely.id, 'removal_defense')).toBe('accreditation_expired');
    await fileRenewal(onTime.id, addDays(today, -10));
    expect(await gate(timely.id, 'removal_defense')).toBeNull();
    expect(await gate(timely.id, 'naturalization', addDays(today, 200))).toBeNull();

    const late = await member();
    const tooLate = await createCredentialRecord(t, orgId, late.id, { kind: 'accredited_representative', expiresOn: addDays(today, -10) });
    await fileRenewal(tooLate.id, addDays(today, -9));
    expect(await gate(late.id, 'naturalization')).toBe('accreditation_expired');
  });
});
