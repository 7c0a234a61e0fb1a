import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ClientResponse } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createTestApp, memberSession } from '../support/app.js';
import { countClients, expectFieldRefused, registerClient, type SearchHit, searchClients } from './support.js';

/**
 * The client registry through the HTTP API: the whole record, identifiers sealed at rest and
 * masked in lists and the audit trail, bad input refused naming the field with nothing saved,
 * and edits that never silently overwrite a colleague's.
 */
describe('client registry: the record', async () => {
  const t = await createTestApp();

  /** What the database itself holds for a client: the row and its identifier rows. */
  async function storedRows(clientId: string) {
    return systemTransaction(t.database.db, async (tx) => ({
      client: await tx.select().from(schema.clients).where(eq(schema.clients.id, clientId)),
      identifiers: await tx.select().from(schema.clientIdentifiers).where(eq(schema.clientIdentifiers.clientId, clientId)),
    }));
  }

  async function identifierRowCount(orgId: string): Promise<number> {
    const rows = await systemTransaction(t.database.db, (tx) =>
      tx.select({ id: schema.clientIdentifiers.id }).from(schema.clientIdentifiers).where(eq(schema.clientIdentifiers.orgId, orgId)),
    );
    return rows.length;
  }

  // Synthetic identifiers, chosen so that no two share a run of digits a check could confuse.
  const A_NUMBER_DIGITS = '204817365';
  const SSN_DIGITS = '521443821';
  const I94 = '694028137B2';

  const fullRecord = {
    givenName: '  Nour ',
    familyName: 'Saleh',
    middleName: 'Rami',
    preferredName: 'Noura',
    nativeName: 'نور صالح',
    aliases: ['Nur Salih'],
    dateOfBirth: '1988-01-01',
    dateOfBirthEstimated: true,
    sex: 'female',
    gender: 'woman',
    countryOfBirth: 'SY',
    nationalities: ['SY', 'LB'],
    languages: [
      { language: 'ar', proficiency: 'native' },
      { language: 'en', proficiency: 'basic' },
    ],
    preferredLanguage: 'ar',
    interpreterNeeded: true,
    phones: [
      { number: '+1 (616) 555-0142', whatsapp: true },
      { number: '616-555-0199', kind: 'home', sms: true },
    ],
    email: 'nour.saleh@example.test',
    addresses: [
      { line1: '12 Cedar St', city: 'Grand Rapids', region: 'MI', postalCode: '49503', movedIn: '2023-03-10', movedOut: '2024-06-30' },
      { line1: '400 Elm Ave', line2: 'Apt 3', city: 'Grand Rapids', region: 'MI', postalCode: '49504', movedIn: '2024-07-01' },
    ],
    aNumber: 'A-204-817-365',
    receiptNumbers: ['ioe-0912345678', 'msc 2190012345'],
    i94Number: '694028137b2',
    ssn: '521-44-3821',
    firstArrivalDate: '2016-05-12',
    lastArrivalDate: '2023-03-01',
    statuses: [
      { status: 'asylum_seeker_affirmative', effectiveFrom: '2016-06-01', effectiveTo: '2019-02-14', evidence: 'I-589 receipt notice' },
      { status: 'asylee', effectiveFrom: '2019-02-15', evidence: 'I-94 stamped asylee, 2019-02-15' },
    ],
  };

  it('Carla registers Nour with the full record: she gets it back normalized, the A-number whole on the record and masked in lists, the SSN only ever masked', async () => {
    const carla = await memberSession(t, 'case_manager');
    const created = await registerClient(carla.session, fullRecord);

    expect(created).toMatchObject({
      givenName: 'Nour',
      familyName: 'Saleh',
      middleName: 'Rami',
      preferredName: 'Noura',
      nativeName: 'نور صالح',
      aliases: ['Nur Salih'],
      dateOfBirth: '1988-01-01',
      dateOfBirthEstimated: true,
      sex: 'female',
      gender: 'woman',
      countryOfBirth: 'SY',
      nationalities: ['SY', 'LB'],
      languages: fullRecord.languages,
      preferredLanguage: 'ar',
      interpreterNeeded: true,
      // Defaults filled in: a phone is a mobile unless said otherwise; WhatsApp and SMS only when the client agreed.
      phones: [
        { number: '+1 (616) 555-0142', kind: 'mobile', whatsapp: true, sms: false },
        { number: '616-555-0199', kind: 'home', whatsapp: false, sms: true },
      ],
      email: 'nour.saleh@example.test',
      addresses: [
        { line1: '12 Cedar St', city: 'Grand Rapids', region: 'MI', postalCode: '49503', country: 'US', movedIn: '2023-03-10', movedOut: '2024-06-30' },
        { line1: '400 Elm Ave', line2: 'Apt 3', city: 'Grand Rapids', region: 'MI', postalCode: '49504', country: 'US', movedIn: '2024-07-01' },
      ],
      aNumber: 'A-204-817-365',
      aNumberMasked: 'A-•••-••7-365',
      receiptNumbers: ['IOE0912345678', 'MSC2190012345'],
      i94Number: '694028137B2',
      ssnMasked: '•••-••-3821',
      firstArrivalDate: '2016-05-12',
      lastArrivalDate: '2023-03-01',
      statuses: fullRecord.statuses,
      isProtected: false,
      protectionBasis: null,
      suspectedAbuser: false,
      version: 1,
    });
    expect(created).not.toHaveProperty('ssn');

    // Opening the record again shows exactly what was saved.
    const read = await carla.session.get(`/api/clients/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<ClientResponse>()).toEqual(created);
    expect(read.body).not.toContain(SSN_DIGITS);
    expect(read.body).not.toContain('521-44-3821');

    // In the list the A-number is masked and the SSN is absent.
    const list = await carla.session.get('/api/clients');
    const [row] = list.json<{ items: SearchHit[] }>().items;
    expect(row).toMatchObject({ id: created.id, aNumberMasked: 'A-•••-••7-365', matchedOn: null });
    expect(row).not.toHaveProperty('aNumber');
    expect(list.body).not.toContain(A_NUMBER_DIGITS);
    expect(list.body).not.toContain('A-204-817-365');
    expect(list.body).not.toContain('3821');
  });

  it('an 8-digit A-number written with spaces is stored as nine digits and shown as A-0xx-xxx-xxx', async () => {
    const carla = await memberSession(t, 'case_manager');
    const created = await registerClient(carla.session, { givenName: 'Hamid', familyName: 'Rahimi', aNumber: 'a 98 765 432' });
    expect(created.aNumber).toBe('A-098-765-432');
    expect(created.aNumberMasked).toBe('A-•••-••5-432');
    // Found by either spelling, since both are the same number.
    expect((await searchClients(carla.session, '98765432')).map((c) => c.id)).toEqual([created.id]);
    expect((await searchClients(carla.session, 'A-098-765-432')).map((c) => c.id)).toEqual([created.id]);
  });

  it('Carla enters the receipt numbers of Nour\'s six filings in the order they were filed: they come back in that order, on creation and after an edit', async () => {
    const carla = await memberSession(t, 'case_manager');
    const filings = ['MSC2190012345', 'IOE0912345678', 'EAC1911111111', 'SRC2022222222', 'LIN2133333333', 'WAC1844444444'];
    const nour = await registerClient(carla.session, { givenName: 'Nour', familyName: 'Saleh', receiptNumbers: filings });
    expect(nour.receiptNumbers).toEqual(filings);
    expect((await carla.session.get(`/api/clients/${nour.id}`)).json<ClientResponse>().receiptNumbers).toEqual(filings);

    const reordered = [...filings].reverse();
    const edited = await carla.session.patch(`/api/clients/${nour.id}`, { version: 1, receiptNumbers: reordered });
    expect(edited.json<ClientResponse>().receiptNumbers).toEqual(reordered);
    expect((await carla.session.get(`/api/clients/${nour.id}`)).json<ClientResponse>().receiptNumbers).toEqual(reordered);
  });

  it('Nour\'s A-number, SSN and I-94 are sealed in the database and masked in the audit trail Ines the auditor reads; the server log never holds them either', async () => {
    const carla = await memberSession(t, 'case_manager');
    const ines = await memberSession(t, 'auditor', carla.orgId);
    const created = await registerClient(carla.session, fullRecord);
    // An edit writes the identifiers again and puts a before/after pair in the log.
    const edited = await carla.session.patch(`/api/clients/${created.id}`, { version: 1, ssn: '521 44 3821', aNumber: '204817365', preferredName: 'Nouri' });
    expect(edited.statusCode, edited.body).toBe(200);

    const plaintexts = [A_NUMBER_DIGITS, 'A-204-817-365', '204-817-365', SSN_DIGITS, '521-44-3821', I94];
    const stored = await storedRows(created.id);
    expect(stored.client).toHaveLength(1);
    expect(stored.identifiers.map((i) => i.kind).sort()).toEqual(['a_number', 'i94', 'receipt_number', 'receipt_number', 'ssn']);
    const storedText = JSON.stringify(stored);
    for (const plaintext of plaintexts) {
      expect(storedText, plaintext).not.toContain(plaintext);
    }
    for (const row of stored.identifiers) {
      // Sealed with AES-GCM (v1.iv.tag.body) and found by a keyed hash, never by the value.
      expect(row.valueSealed).toMatch(/^v1\./);
      expect(t.secrets.open(row.valueSealed)).not.toBe('');
    }
    expect(t.secrets.open(stored.identifiers.find((i) => i.kind === 'ssn')!.valueSealed)).toBe(SSN_DIGITS);

    const audit = await ines.session.get(`/api/audit-events?objectId=${created.id}`);
    expect(audit.statusCode, audit.body).toBe(200);
    const events = audit.json<{ items: { action: string; before: unknown; after: unknown }[] }>().items;
    expect(events.map((e) => e.action).sort()).toEqual(['client.created', 'client.updated']);
    for (const plaintext of plaintexts) {
      expect(audit.body, plaintext).not.toContain(plaintext);
    }
    const createdEvent = events.find((e) => e.action === 'client.created')!;
    // The trail still says which identifiers the record had, in masked form.
    expect(createdEvent.after).toMatchObject({ aNumber: 'A-•••-••7-365', ssnMasked: '•••-••-3821', givenName: 'Nour' });
    expect(events.find((e) => e.action === 'client.updated')).toMatchObject({
      before: { preferredName: 'Noura' },
      after: { preferredName: 'Nouri', aNumber: 'A-•••-••7-365' },
    });

    const logs = t.logs();
    for (const plaintext of plaintexts) {
      expect(logs, plaintext).not.toContain(plaintext);
    }
  });

  describe('bad input is refused naming the field, and nothing is saved', () => {
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`;
    const cases: { story: string; body: Record<string, unknown>; field: string }[] = [
      { story: 'a date of birth of 2026-02-30', body: { dateOfBirth: '2026-02-30' }, field: 'dateOfBirth' },
      { story: 'a last arrival on 2023-02-29 (not a leap year)', body: { lastArrivalDate: '2023-02-29' }, field: 'lastArrivalDate' },
      { story: `a date of birth in the future (${nextYear})`, body: { dateOfBirth: nextYear }, field: 'dateOfBirth' },
      { story: 'an A-number with letters', body: { aNumber: 'A-20B-817-365' }, field: 'aNumber' },
      { story: 'an A-number of seven digits', body: { aNumber: '2048173' }, field: 'aNumber' },
      { story: 'a receipt number with two letters', body: { receiptNumbers: ['IO0912345678'] }, field: 'receiptNumbers' },
      { story: 'a receipt number with nine digits', body: { receiptNumbers: ['IOE091234567'] }, field: 'receiptNumbers' },
      { story: 'the same receipt number twice', body: { receiptNumbers: ['IOE0912345678', 'ioe-0912345678'] }, field: 'receiptNumbers' },
      { story: 'an SSN in area 666', body: { ssn: '666-12-3456' }, field: 'ssn' },
      { story: 'an SSN with serial 0000', body: { ssn: '521-44-0000' }, field: 'ssn' },
      {
        story: 'a status that ends before it starts',
        body: { statuses: [{ status: 'refugee', effectiveFrom: '2020-05-01', effectiveTo: '2020-04-30' }] },
        field: 'statuses.0.effectiveTo',
      },
      {
        story: 'a status that starts before the date of birth',
        body: { dateOfBirth: '2001-03-04', statuses: [{ status: 'refugee', effectiveFrom: '1999-01-01' }] },
        field: 'statuses.0.effectiveFrom',
      },
      { story: 'a first arrival before the date of birth', body: { dateOfBirth: '2001-03-04', firstArrivalDate: '2000-12-31' }, field: 'firstArrivalDate' },
      { story: 'a last arrival before the first', body: { firstArrivalDate: '2016-05-12', lastArrivalDate: '2015-01-01' }, field: 'lastArrivalDate' },
      {
        story: 'a move-out before the move-in',
        body: { addresses: [{ line1: '12 Cedar St', city: 'Grand Rapids', movedIn: '2024-07-01', movedOut: '2024-06-30' }] },
        field: 'addresses.0.movedOut',
      },
      { story: 'a phone number of letters', body: { phones: [{ number: 'call me' }] }, field: 'phones.0.number' },
    ];

    it.each(cases)('Carla registers a client with $story → 400 naming $field, no client and no identifier saved', async ({ body, field }) => {
      const carla = await memberSession(t, 'case_manager');
      // A valid A-number rides along: a refusal must not leave it behind on a half-made record.
      const response = await carla.session.post('/api/clients', { givenName: 'Omar', familyName: 'Haddad', aNumber: '203-555-019', ...body });
      expectFieldRefused(response, field);
      expect(await countClients(carla.session)).toBe(0);
      expect(await identifierRowCount(carla.orgId)).toBe(0);
    });
  });

  it('Carla registers Nour; Omar then registers someone else with her A-number (in another spelling) or her receipt number → 400 naming the field, nothing saved; Ben at another organization may use the same A-number', async () => {
    const carla = await memberSession(t, 'case_manager');
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    await registerClient(carla.session, { givenName: 'Nour', familyName: 'Saleh', aNumber: 'A-204-817-365', receiptNumbers: ['IOE0912345678'] });
    const identifiersBefore = await identifierRowCount(carla.orgId);

    const sameANumber = await omar.session.post('/api/clients', { givenName: 'Nora', familyName: 'Salih', aNumber: '204817365' });
    expectFieldRefused(sameANumber, 'aNumber');
    expect(sameANumber.json().error.fields).toEqual({ aNumber: expect.stringMatching(/A-number/) });

    // Her receipt number, written in lower case with a dash, and a fresh A-number that must not be kept.
    const sameReceipt = await omar.session.post('/api/clients', {
      givenName: 'Nora',
      familyName: 'Salih',
      aNumber: 'A-301-222-333',
      receiptNumbers: ['ioe-0912345678'],
    });
    expectFieldRefused(sameReceipt, 'receiptNumbers');
    expect(Object.keys(sameReceipt.json().error.fields)).toEqual(['receiptNumbers']);
    expect(await countClients(carla.session)).toBe(1);
    expect(await identifierRowCount(carla.orgId)).toBe(identifiersBefore);
    // The fresh A-number was not half-saved: it is still free for the right person.
    await registerClient(omar.session, { givenName: 'Lina', familyName: 'Darwish', aNumber: 'A-301-222-333' });

    const ben = await memberSession(t, 'case_manager');
    const elsewhere = await registerClient(ben.session, { givenName: 'Nour', familyName: 'Saleh', aNumber: 'A-204-817-365', receiptNumbers: ['IOE0912345678'] });
    expect(elsewhere.aNumber).toBe('A-204-817-365');
  });

  it('Carla and Omar both open Yusuf at version 1; Carla saves first (version 2); Omar\'s save on version 1 is refused with 409 and Yusuf keeps Carla\'s change until Omar reloads', async () => {
    const carla = await memberSession(t, 'case_manager');
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const yusuf = await registerClient(carla.session, { givenName: 'Yusuf', familyName: 'Karimi', phones: [{ number: '616-555-0110' }] });

    const carlaReads = (await carla.session.get(`/api/clients/${yusuf.id}`)).json<ClientResponse>();
    const omarReads = (await omar.session.get(`/api/clients/${yusuf.id}`)).json<ClientResponse>();
    expect([carlaReads.version, omarReads.version]).toEqual([1, 1]);

    const carlaSaves = await carla.session.patch(`/api/clients/${yusuf.id}`, { version: carlaReads.version, preferredName: 'Yusi' });
    expect(carlaSaves.statusCode, carlaSaves.body).toBe(200);
    expect(carlaSaves.json()).toMatchObject({ version: 2, preferredName: 'Yusi' });

    const omarSaves = await omar.session.patch(`/api/clients/${yusuf.id}`, {
      version: omarReads.version,
      preferredName: 'Yousef',
      phones: [{ number: '616-555-0177' }],
    });
    expect(omarSaves.statusCode, omarSaves.body).toBe(409);
    expect(omarSaves.json().error).toMatchObject({ code: 'conflict', fields: { version: expect.any(String) } });

    const now = (await carla.session.get(`/api/clients/${yusuf.id}`)).json<ClientResponse>();
    expect(now).toMatchObject({ version: 2, preferredName: 'Yusi', phones: [{ number: '616-555-0110' }] });
    // Omar's phone was not kept either: the new number finds no one.
    expect(await searchClients(omar.session, '616-555-0177')).toEqual([]);

    // Omar reloads and saves his phone on top of Carla's change.
    const retry = await omar.session.patch(`/api/clients/${yusuf.id}`, { version: now.version, phones: [{ number: '616-555-0177' }] });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ version: 3, preferredName: 'Yusi', phones: [{ number: '616-555-0177' }] });
  });

  it('Carla and Omar press Save on version 1 at the same instant: exactly one save lands, the other gets 409', async () => {
    const carla = await memberSession(t, 'case_manager');
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const yusuf = await registerClient(carla.session, { givenName: 'Yusuf', familyName: 'Karimi' });

    const [first, second] = await Promise.all([
      carla.session.patch(`/api/clients/${yusuf.id}`, { version: 1, preferredName: 'Carla' }),
      omar.session.patch(`/api/clients/${yusuf.id}`, { version: 1, preferredName: 'Omar' }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const winner = first.statusCode === 200 ? 'Carla' : 'Omar';
    expect((await carla.session.get(`/api/clients/${yusuf.id}`)).json()).toMatchObject({ version: 2, preferredName: winner });
  });

  it('Carla corrects Nour\'s A-number and removes a mistaken SSN: the old A-number finds no one and is free again, the SSN is gone from the database', async () => {
    const carla = await memberSession(t, 'case_manager');
    const nour = await registerClient(carla.session, {
      givenName: 'Nour',
      familyName: 'Saleh',
      aNumber: 'A-204-817-365',
      ssn: '521-44-3821',
      receiptNumbers: ['IOE0912345678'],
    });

    const corrected = await carla.session.patch(`/api/clients/${nour.id}`, { version: 1, aNumber: 'A-204-817-366', ssn: null, receiptNumbers: [] });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ version: 2, aNumber: 'A-204-817-366', aNumberMasked: 'A-•••-••7-366', ssnMasked: null, receiptNumbers: [] });
    expect((await carla.session.get(`/api/clients/${nour.id}`)).json()).toMatchObject({ aNumber: 'A-204-817-366', ssnMasked: null, receiptNumbers: [] });

    expect((await searchClients(carla.session, 'A-204-817-366')).map((c) => c.id)).toEqual([nour.id]);
    expect(await searchClients(carla.session, 'A-204-817-365')).toEqual([]);
    expect(await searchClients(carla.session, 'IOE0912345678')).toEqual([]);
    const stored = await storedRows(nour.id);
    expect(stored.identifiers.map((i) => i.kind)).toEqual(['a_number']);

    // The old A-number belonged to someone else all along: that person can now be registered.
    const other = await registerClient(carla.session, { givenName: 'Rami', familyName: 'Saleh', aNumber: '204817365', ssn: '521-44-3821' });
    expect(other.aNumber).toBe('A-204-817-365');
  });

  it('Carla tries to give Nour the A-number already on Rami → 400 naming aNumber; Nour is unchanged, still at version 1', async () => {
    const carla = await memberSession(t, 'case_manager');
    await registerClient(carla.session, { givenName: 'Rami', familyName: 'Saleh', aNumber: 'A-204-817-365' });
    const nour = await registerClient(carla.session, { givenName: 'Nour', familyName: 'Saleh', aNumber: 'A-204-817-366' });

    const attempt = await carla.session.patch(`/api/clients/${nour.id}`, { version: 1, aNumber: 'A-204-817-365', preferredName: 'Noura' });
    expectFieldRefused(attempt, 'aNumber');
    expect((await carla.session.get(`/api/clients/${nour.id}`)).json()).toMatchObject({ version: 1, aNumber: 'A-204-817-366', preferredName: null });
  });

  it('Carla saves Nour with only the version and no change → 400 "Nothing to change", the version does not move', async () => {
    const carla = await memberSession(t, 'case_manager');
    const nour = await registerClient(carla.session, { givenName: 'Nour', familyName: 'Saleh' });

    const empty = await carla.session.patch(`/api/clients/${nour.id}`, { version: 1 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'validation_failed', message: 'Nothing to change' });

    // A change that breaks a cross-field rule on the merged record is refused too, and leaves nothing behind.
    const tooEarly = await carla.session.patch(`/api/clients/${nour.id}`, { version: 1, dateOfBirth: '2001-03-04' });
    expect(tooEarly.statusCode).toBe(200);
    const arrival = await carla.session.patch(`/api/clients/${nour.id}`, { version: 2, firstArrivalDate: '2000-01-01', preferredName: 'Noura' });
    expectFieldRefused(arrival, 'firstArrivalDate');
    expect((await carla.session.get(`/api/clients/${nour.id}`)).json()).toMatchObject({ version: 2, firstArrivalDate: null, preferredName: null });
  });
});
