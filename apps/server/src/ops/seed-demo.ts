import { and, eq } from 'drizzle-orm';
import { addDays, clientSearchName, DEFAULT_SLIDING_BANDS, effectiveEligibilityRules, evaluateEligibility, type Role, todayIn } from '@haven/domain';
import { recordAudit } from '../platform/audit.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { type Db, schema, systemTransaction, tenantTransaction } from '../platform/db/index.js';
import { recordMatterEvent } from '../modules/legal-matters/access.js';
import { recomputeMatterDeadlines } from '../modules/legal-matters/deadlines.js';

export const DEMO_PASSWORD = 'demo-password-123';
export const DEMO_ORG = 'Demo Welcome Center';
export const DEMO_PARTNER_ORG = 'Demo Partner Agency';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.haven.test', name: 'Amina Okafor', role: 'org_admin' },
  { email: 'director@demo.haven.test', name: 'Daniel Reyes', role: 'program_director' },
  { email: 'supervisor@demo.haven.test', name: 'Sofia Lindqvist', role: 'supervisor' },
  { email: 'casemanager@demo.haven.test', name: 'Karim Mansour', role: 'case_manager' },
  { email: 'legal@demo.haven.test', name: 'Grace Mwangi', role: 'legal_representative' },
  { email: 'rep@demo.haven.test', name: 'Joseph Banda', role: 'legal_representative' },
  { email: 'intake@demo.haven.test', name: 'Tomás Herrera', role: 'intake_specialist' },
  { email: 'volunteer@demo.haven.test', name: 'Emily Novak', role: 'volunteer' },
  { email: 'auditor@demo.haven.test', name: 'Priya Raman', role: 'auditor' },
];

type DemoClient = Omit<typeof schema.clients.$inferInsert, 'orgId' | 'searchName'>;

/** Invented people only (never a real client's data). */
const DEMO_CLIENTS: DemoClient[] = [
  {
    givenName: 'Amal',
    familyName: 'Haddad',
    nativeName: 'أمل حداد',
    dateOfBirth: '1986-04-12',
    sex: 'female',
    preferredLanguage: 'ar',
    languages: [{ language: 'ar', proficiency: 'native' }, { language: 'en', proficiency: 'basic' }],
    interpreterNeeded: true,
    countryOfBirth: 'SY',
    nationalities: ['SY'],
    firstArrivalDate: '2026-08-20',
    lastArrivalDate: '2026-08-20',
    statuses: [{ status: 'refugee', effectiveFrom: '2026-08-20', evidence: 'I-94 stamped refugee' }],
    phones: [{ number: '+1 555 010 2030', kind: 'mobile', whatsapp: true, sms: true }],
  },
  {
    givenName: 'Yara',
    familyName: 'Haddad',
    nativeName: 'يارا حداد',
    dateOfBirth: '2016-03-03',
    sex: 'female',
    preferredLanguage: 'ar',
    languages: [{ language: 'ar', proficiency: 'native' }],
    countryOfBirth: 'SY',
    nationalities: ['SY'],
    firstArrivalDate: '2026-08-20',
    lastArrivalDate: '2026-08-20',
    statuses: [{ status: 'refugee', effectiveFrom: '2026-08-20', evidence: 'I-94 stamped refugee' }],
  },
  {
    givenName: 'Farid',
    familyName: 'Rahimi',
    nativeName: 'فرید رحیمی',
    dateOfBirth: '1990-01-01',
    dateOfBirthEstimated: true,
    sex: 'male',
    preferredLanguage: 'prs',
    languages: [{ language: 'prs', proficiency: 'native' }, { language: 'ps', proficiency: 'conversational' }],
    interpreterNeeded: true,
    countryOfBirth: 'AF',
    nationalities: ['AF'],
    firstArrivalDate: '2025-11-03',
    lastArrivalDate: '2025-11-03',
    statuses: [{ status: 'siv', effectiveFrom: '2025-11-03', evidence: 'SQ/SI visa, I-94' }],
  },
  {
    givenName: 'Lucía',
    familyName: 'Morales',
    dateOfBirth: '1995-09-30',
    sex: 'female',
    preferredLanguage: 'es',
    languages: [{ language: 'es', proficiency: 'native' }],
    countryOfBirth: 'GT',
    nationalities: ['GT'],
    lastArrivalDate: '2025-12-01',
    statuses: [{ status: 'asylum_seeker_affirmative', effectiveFrom: '2026-03-15', evidence: 'I-589 receipt notice' }],
  },
  {
    givenName: 'Olena',
    familyName: 'Kovalenko',
    nativeName: 'Олена Коваленко',
    dateOfBirth: '1979-06-18',
    sex: 'female',
    preferredLanguage: 'uk',
    languages: [{ language: 'uk', proficiency: 'native' }, { language: 'ru', proficiency: 'fluent' }],
    countryOfBirth: 'UA',
    nationalities: ['UA'],
    lastArrivalDate: '2024-05-10',
    statuses: [{ status: 'parolee_ukrainian', effectiveFrom: '2024-05-10', evidence: 'U4U parole, I-94' }],
  },
  { givenName: 'Jean-Baptiste', familyName: 'Pierre', preferredLanguage: 'ht', countryOfBirth: 'HT', dateOfBirth: '1988-02-29', sex: 'male' },
  { givenName: 'Mariam', familyName: 'Yusuf', preferredLanguage: 'so', countryOfBirth: 'SO', dateOfBirth: '2001-07-07', sex: 'female' },
  { givenName: 'Hamid', familyName: 'Noori', preferredLanguage: 'ps', countryOfBirth: 'AF', dateOfBirth: '1975-03-21', sex: 'male' },
];
/** A protected (VAWA) client: visible only to the assigned case manager. */
const DEMO_PROTECTED_CLIENT: DemoClient = {
  givenName: 'Noor',
  familyName: 'Saleh',
  nativeName: 'نور صالح',
  preferredLanguage: 'ar',
  countryOfBirth: 'IQ',
  isProtected: true,
  protectionBasis: 'vawa',
  statuses: [{ status: 'vawa_self_petitioner', effectiveFrom: '2026-02-02', evidence: 'I-360 receipt notice' }],
};
const PARTNER_CLIENTS: DemoClient[] = [
  { givenName: 'Esperanza', familyName: 'Quispe', preferredLanguage: 'es', countryOfBirth: 'PE' },
  { givenName: 'Dawit', familyName: 'Tesfaye', preferredLanguage: 'am', countryOfBirth: 'ET' },
];

function demoClientRow(orgId: string, client: DemoClient): typeof schema.clients.$inferInsert {
  return { ...client, orgId, searchName: clientSearchName(client) };
}

const SEEDED_KEY = 'demo_seeded_at';
const SYSTEM_ACTOR = { userId: null, ip: null, userAgent: 'haven seed-demo' };

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select().from(schema.appMeta).where(eq(schema.appMeta.key, SEEDED_KEY)).limit(1);
  return row !== undefined;
}

async function seedOrganization(
  db: Db,
  name: string,
  members: { userId: string; role: Role }[],
  clients: DemoClient[],
  extra: (tx: Db, orgId: string) => Promise<void>,
): Promise<string> {
  const [org] = await systemTransaction(db, (tx) => tx.insert(schema.organizations).values({ name }).returning());
  const orgId = org!.id;
  await tenantTransaction(db, { orgId, userId: null }, async (tx) => {
    await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'organization.created', objectType: 'organization', objectId: orgId, after: { name } });
    for (const member of members) {
      await tx.insert(schema.memberships).values({ orgId, userId: member.userId, role: member.role });
      await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'member.added', objectType: 'member', objectId: member.userId, after: { role: member.role } });
    }
    for (const client of clients) {
      const [row] = await tx.insert(schema.clients).values(demoClientRow(orgId, client)).returning();
      await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'client.created', objectType: 'client', objectId: row!.id, after: client });
    }
    await extra(tx, orgId);
  });
  return orgId;
}

/**
 * The Haddad family, arrived as refugees: a household of mother and daughter, both enrolled in
 * Reception & Placement a week after arrival with comprehensive case management, the eligibility
 * computed as intake would have.
 */
async function seedHaddadFamily(tx: Db, orgId: string, caseManagerId: string): Promise<void> {
  const family = await tx
    .select()
    .from(schema.clients)
    .where(and(eq(schema.clients.orgId, orgId), eq(schema.clients.familyName, 'Haddad')))
    .orderBy(schema.clients.dateOfBirth);
  const [program] = await tx
    .select()
    .from(schema.programs)
    .where(and(eq(schema.programs.orgId, orgId), eq(schema.programs.code, 'RP')));
  const [household] = await tx.insert(schema.households).values({ orgId, name: 'Haddad family' }).returning();
  const enrolledOn = '2026-08-27';
  for (const client of family) {
    await tx.insert(schema.householdMembers).values({
      orgId,
      householdId: household!.id,
      clientId: client.id,
      relationship: client.givenName === 'Amal' ? 'head' : 'child',
      joinedOn: '2026-08-20',
    });
    const eligibility = evaluateEligibility(
      effectiveEligibilityRules(program!),
      { dateOfBirth: client.dateOfBirth ?? undefined, statusHistory: client.statuses.map((s) => ({ status: s.status, effectiveFrom: s.effectiveFrom })) },
      enrolledOn,
    );
    await tx.insert(schema.enrollments).values({
      orgId,
      clientId: client.id,
      programId: program!.id,
      serviceTier: 'comprehensive',
      tierReason: 'Newly arrived single parent; housing and medical needs',
      enrolledOn,
      eligibility,
      createdBy: caseManagerId,
    });
    await tx.insert(schema.clientAssignments).values({ orgId, clientId: client.id, userId: caseManagerId });
  }
  await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'household.created', objectType: 'household', objectId: household!.id, after: { name: 'Haddad family' } });
}

/**
 * Amal Haddad's case in Reception & Placement: worked by the demo case manager under the demo
 * supervisor, past engagement and now at assessment (the case page's stage guard then asks for
 * an assessment before planning).
 */
async function seedHaddadCase(tx: Db, orgId: string, caseManagerId: string, supervisorId: string): Promise<void> {
  const [head] = await tx
    .select({ enrollment: schema.enrollments, isProtected: schema.clients.isProtected })
    .from(schema.enrollments)
    .innerJoin(schema.clients, and(eq(schema.clients.orgId, schema.enrollments.orgId), eq(schema.clients.id, schema.enrollments.clientId)))
    .where(and(eq(schema.enrollments.orgId, orgId), eq(schema.clients.familyName, 'Haddad'), eq(schema.clients.givenName, 'Amal')));
  if (!head) {
    return;
  }
  const [household] = await tx.select().from(schema.households).where(and(eq(schema.households.orgId, orgId), eq(schema.households.name, 'Haddad family')));
  if (head.isProtected) {
    await tx.insert(schema.clientAssignments).values({ orgId, clientId: head.enrollment.clientId, userId: supervisorId }).onConflictDoNothing();
  }
  const [kase] = await tx
    .insert(schema.cases)
    .values({
      orgId,
      reference: 'C-2026-0001',
      clientId: head.enrollment.clientId,
      householdId: household?.id ?? null,
      enrollmentId: head.enrollment.id,
      programId: head.enrollment.programId,
      primaryCaseManagerId: caseManagerId,
      supervisorId,
      stage: 'assessment',
      status: 'open',
      openedOn: '2026-08-28',
      version: 2,
    })
    .returning();
  await tx.insert(schema.caseEvents).values([
    { orgId, caseId: kase!.id, kind: 'opened', actorId: caseManagerId, occurredAt: new Date('2026-08-28T14:00:00Z'), data: { stage: 'engagement', primaryCaseManagerId: caseManagerId } },
    { orgId, caseId: kase!.id, kind: 'stage_changed', actorId: caseManagerId, occurredAt: new Date('2026-09-02T15:30:00Z'), data: { from: 'engagement', to: 'assessment' } },
  ]);
  await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'case.opened', objectType: 'case', objectId: kase!.id, after: { reference: kase!.reference, stage: 'assessment' } });
}

/**
 * Who may represent clients: Grace (legal@) is an attorney admitted in Illinois, active, and the
 * supervising attorney; Joseph (rep@) is a partially accredited representative whose
 * accreditation runs out in 45 days (so the renewal reminder shows); the organization's DOJ
 * recognition runs to 2029. The bar number is invented.
 */
async function seedLegalCredentials(tx: Db, orgId: string, attorneyId: string, representativeId: string): Promise<void> {
  const today = todayIn('America/New_York');
  const rows = await tx
    .insert(schema.staffCredentials)
    .values([
      { orgId, userId: attorneyId, kind: 'attorney', barState: 'IL', barNumber: 'DEMO-6300451', barStatus: 'active', supervisingAttorney: true },
      { orgId, userId: representativeId, kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today, 45) },
    ])
    .returning();
  for (const row of rows) {
    await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'credential.saved', objectType: 'credential', objectId: row.id, after: { userId: row.userId, kind: row.kind, expiresOn: row.expiresOn } });
  }
  const [recognition] = await tx.insert(schema.orgRecognitions).values({ orgId, recognizedOn: '2023-06-01', expiresOn: '2029-06-01', note: 'Recognition for the Main Office' }).returning();
  await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'recognition.saved', objectType: 'recognition', objectId: recognition!.id, after: { expiresOn: recognition!.expiresOn } });
}

/**
 * Legal matters (issue 5): Selam Tesfay, who arrived about ten months ago, has an open
 * affirmative asylum matter with Grace (legal@), so the one-year filing deadline is about two
 * months away; Abdi Warsame, who arrived about seven months ago, has none yet (the browser journey
 * opens one). Dates are relative to the seeding day so the demo always shows an open deadline.
 */
async function seedDemoMatter(tx: Db, orgId: string, attorneyId: string): Promise<void> {
  const today = todayIn('America/New_York');
  const [selam, abdi] = await tx
    .insert(schema.clients)
    .values([
      demoClientRow(orgId, { givenName: 'Selam', familyName: 'Tesfay', dateOfBirth: '1994-02-14', sex: 'female', preferredLanguage: 'ti', countryOfBirth: 'ER', nationalities: ['ER'], lastArrivalDate: addDays(today, -300) }),
      demoClientRow(orgId, { givenName: 'Abdi', familyName: 'Warsame', dateOfBirth: '1991-10-05', sex: 'male', preferredLanguage: 'so', countryOfBirth: 'SO', nationalities: ['SO'], lastArrivalDate: addDays(today, -210) }),
    ])
    .returning();
  const [program] = await tx.select({ id: schema.programs.id }).from(schema.programs).where(and(eq(schema.programs.orgId, orgId), eq(schema.programs.code, 'LEGAL'))).limit(1);
  const [matter] = await tx
    .insert(schema.legalMatters)
    .values({ orgId, reference: `M-${today.slice(0, 4)}-0001`, clientId: selam!.id, programId: program!.id, type: 'affirmative_asylum', status: 'open', representativeId: attorneyId, supervisingAttorneyId: attorneyId, openedOn: addDays(today, -20), createdBy: attorneyId })
    .returning();
  await tx.insert(schema.matterParties).values({ orgId, matterId: matter!.id, role: 'client', name: 'Selam Tesfay', searchName: 'selam tesfay', dateOfBirth: '1994-02-14' });
  for (const client of [selam!, abdi!]) {
    await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'client.created', objectType: 'client', objectId: client.id });
  }
  await recordMatterEvent(tx, orgId, null, matter!.id, 'opened', { reference: matter!.reference, type: matter!.type });
  await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'matter.opened', objectType: 'legal_matter', objectId: matter!.id, after: { reference: matter!.reference, type: matter!.type } });
  await recomputeMatterDeadlines(tx, { orgId, actorId: null }, matter!, 'opened', { today });
}

/**
 * Case acceptance (issue 5, seed 002): Selam's matter went through screening, a conflict check
 * with nothing found and Grace's acceptance twenty days ago, and her client services agreement
 * is signed; the Acceptance tab shows each step done.
 */
async function seedDemoAcceptance(tx: Db, orgId: string, attorneyId: string): Promise<void> {
  const today = todayIn('America/New_York');
  const at = (days: number) => new Date(`${addDays(today, days)}T15:00:00Z`).toISOString();
  const [matter] = await tx
    .select({ id: schema.legalMatters.id })
    .from(schema.legalMatters)
    .where(and(eq(schema.legalMatters.orgId, orgId), eq(schema.legalMatters.representativeId, attorneyId), eq(schema.legalMatters.type, 'affirmative_asylum')))
    .limit(1);
  if (!matter) {
    return;
  }
  await tx
    .update(schema.legalMatters)
    .set({
      acceptance: {
        screenedBy: attorneyId,
        screenedAt: at(-21),
        screeningSummary: 'Arrived about ten months ago; fears return to Eritrea (military conscription). One-year deadline ahead.',
        conflictCheck: { checkedBy: attorneyId, checkedAt: at(-21), hits: [], cleared: true },
        decision: { outcome: 'accepted', decidedBy: attorneyId, decidedAt: at(-20), criteria: ['within_program_priorities', 'legal_merit', 'staff_capacity', 'no_conflict'] },
      },
      agreement: {
        scope: 'Prepare and file Form I-589 (asylum and withholding of removal) with USCIS, and represent Selam at the asylum interview.',
        feeCents: 15_000,
        feeNote: 'Three monthly payments of $50 (sliding scale)',
        language: 'en',
        generatedAt: at(-19),
        generatedBy: attorneyId,
        clientSignedOn: addDays(today, -18),
        orgSignedOn: addDays(today, -18),
        orgSignedBy: attorneyId,
      },
    })
    .where(and(eq(schema.legalMatters.orgId, orgId), eq(schema.legalMatters.id, matter.id)));
}

/**
 * Fees (issue 5, seed 002): Haven's starting sliding scale, this year's poverty guidelines for the
 * 48 contiguous states and a fee schedule in the $50–$600 range. The guideline figures are demo
 * values shaped like HHS's table, not HHS's: an admin enters the published ones each year.
 */
async function seedFees(tx: Db, orgId: string): Promise<void> {
  const year = Number(todayIn('America/New_York').slice(0, 4));
  await tx.insert(schema.feeSettings).values({ orgId, region: 'contiguous', bands: DEFAULT_SLIDING_BANDS.map((band) => ({ ...band })) });
  const [guideline] = await tx
    .insert(schema.povertyGuidelines)
    .values({ orgId, year, region: 'contiguous', firstPersonCents: 1_565_000, additionalPersonCents: 550_000, effectiveFrom: `${year}-01-15` })
    .returning();
  await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'poverty_guideline.saved', objectType: 'poverty_guideline', objectId: guideline!.id, after: { year, region: 'contiguous' } });
  const services = await tx
    .insert(schema.feeSchedules)
    .values([
      { orgId, code: 'consultation', name: 'Legal consultation', amountCents: 5_000, slidingScale: true },
      { orgId, code: 'i589_preparation', name: 'Asylum application (I-589) preparation', matterType: 'affirmative_asylum', amountCents: 60_000, slidingScale: true },
      { orgId, code: 'work_permit', name: 'Work permit application (I-765)', matterType: 'work_permit', amountCents: 15_000, slidingScale: true },
      { orgId, code: 'adjustment', name: 'Adjustment of status (I-485)', matterType: 'adjustment', amountCents: 50_000, slidingScale: true },
      { orgId, code: 'naturalization', name: 'Naturalization (N-400)', matterType: 'naturalization', amountCents: 40_000, slidingScale: true },
      { orgId, code: 'foia', name: 'FOIA request', matterType: 'foia', amountCents: 7_500, slidingScale: false },
    ])
    .returning();
  for (const service of services) {
    await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'fee_schedule.saved', objectType: 'fee_schedule', objectId: service.id, after: { code: service.code, amountCents: service.amountCents } });
  }
}

/**
 * The demo data set: two organizations so isolation can be seen, one user per role, programs,
 * offices and a few invented clients. Runs once; later starts leave the data as people left it.
 */
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  if (await isDemoSeeded(db)) {
    return { seeded: false };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  await systemTransaction(db, async (tx) => {
    for (const user of [...DEMO_USERS, { email: 'partner-admin@demo.haven.test', name: 'Lena Fischer', role: 'org_admin' as const }]) {
      const [row] = await tx
        .insert(schema.users)
        .values({
          email: user.email,
          displayName: user.name,
          passwordHash,
          passwordChangedAt: new Date(),
          isPlatformAdmin: user.email === 'admin@demo.haven.test',
          locale: user.email.startsWith('intake') ? 'es' : 'en',
        })
        .returning({ id: schema.users.id });
      userIds.set(user.email, row!.id);
    }
  });

  const caseManagerId = userIds.get('casemanager@demo.haven.test')!;
  await seedOrganization(
    db,
    DEMO_ORG,
    DEMO_USERS.map((u) => ({ userId: userIds.get(u.email)!, role: u.role })),
    DEMO_CLIENTS,
    async (tx, orgId) => {
      await tx.insert(schema.programs).values([
        { orgId, name: 'Reception & Placement', code: 'RP', description: 'First 90 days after arrival' },
        { orgId, name: 'Intensive Case Management', code: 'ICM', description: 'Monthly meaningful contact for clients with complex needs' },
        { orgId, name: 'Matching Grant', code: 'MG', description: 'Early employment and self-sufficiency' },
        { orgId, name: 'Immigration Legal Services', code: 'LEGAL', description: 'DOJ-recognized legal program' },
      ]);
      await tx.insert(schema.offices).values([
        { orgId, name: 'Main Office', address: '100 Harbor Street, Springfield', phone: '+1 555 0100' },
        { orgId, name: 'Eastside Office', address: '42 Cedar Avenue, Springfield', phone: '+1 555 0142' },
      ]);
      const [protectedClient] = await tx
        .insert(schema.clients)
        .values(demoClientRow(orgId, DEMO_PROTECTED_CLIENT))
        .returning();
      await tx.insert(schema.clientAssignments).values({ orgId, clientId: protectedClient!.id, userId: caseManagerId });
      await recordAudit(tx, { orgId, actor: SYSTEM_ACTOR, action: 'client.created', objectType: 'client', objectId: protectedClient!.id, after: { isProtected: true } });
      await seedHaddadFamily(tx, orgId, caseManagerId);
      await seedHaddadCase(tx, orgId, caseManagerId, userIds.get('supervisor@demo.haven.test')!);
      await seedLegalCredentials(tx, orgId, userIds.get('legal@demo.haven.test')!, userIds.get('rep@demo.haven.test')!);
      await seedDemoMatter(tx, orgId, userIds.get('legal@demo.haven.test')!);
      await seedDemoAcceptance(tx, orgId, userIds.get('legal@demo.haven.test')!);
      await seedFees(tx, orgId);
    },
  );
  await seedOrganization(
    db,
    DEMO_PARTNER_ORG,
    [{ userId: userIds.get('partner-admin@demo.haven.test')!, role: 'org_admin' }],
    PARTNER_CLIENTS,
    async (tx, orgId) => {
      await tx.insert(schema.programs).values({ orgId, name: 'Community Orientation', code: 'ORIENT' });
      await tx.insert(schema.offices).values({ orgId, name: 'Partner Office', address: '7 Mill Road, Riverton' });
    },
  );
  await systemTransaction(db, (tx) => tx.insert(schema.appMeta).values({ key: SEEDED_KEY, value: new Date().toISOString() }));
  return { seeded: true };
}
