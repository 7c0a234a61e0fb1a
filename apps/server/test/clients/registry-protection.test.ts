import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClientResponse } from '@haven/domain';
import { createClientRecord, createTestApp, memberSession, type Session } from '../support/app.js';
import { countClients, duplicateCheck, expectFieldRefused, registerClient, searchClients } from './support.js';

/**
 * A T, U or VAWA status makes a client protected (8 USC 1367; 34 USC 12291(b)(2)): from then on
 * the record exists only for the users assigned to it, and only a supervisor may lift that.
 */
describe('client registry: protection', async () => {
  const t = await createTestApp();
  const REASON = `?reason=${encodeURIComponent('Preparing the court letter')}`;

  /** What an unassigned colleague can learn about a client: nothing, by any route. */
  async function expectInvisible(session: Session, client: { id: string; givenName: string; familyName: string }) {
    const direct = await session.get(`/api/clients/${client.id}${REASON}`);
    const unknown = await session.get(`/api/clients/${randomUUID()}${REASON}`);
    expect(direct.statusCode).toBe(404);
    expect(direct.json()).toEqual(unknown.json());
    expect(await searchClients(session, client.familyName)).toEqual([]);
    expect(await countClients(session, client.familyName)).toBe(0);
    expect(await duplicateCheck(session, { givenName: client.givenName, familyName: client.familyName })).toEqual([]);
    expect((await session.get('/api/clients')).body).not.toContain(client.id);
    expect((await session.patch(`/api/clients/${client.id}`, { version: 2, preferredName: 'Probe' })).statusCode).toBe(404);
    expect((await session.get(`/api/clients/${client.id}/duplicates`)).statusCode).toBe(404);
  }

  const statuses = [
    { status: 't_nonimmigrant', basis: 't_visa' },
    { status: 'u_nonimmigrant', basis: 'u_visa' },
    { status: 'vawa_self_petitioner', basis: 'vawa' },
  ] as const;

  it.each(statuses)('Carla registers Leila with a $status status: Leila is protected on the $basis basis and Omar, a colleague not assigned, cannot find her', async ({ status, basis }) => {
    const carla = await memberSession(t, 'case_manager');
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const leila = await registerClient(carla.session, {
      givenName: 'Leila',
      familyName: `Mansour${randomUUID().slice(0, 4)}`,
      dateOfBirth: '1994-08-20',
      statuses: [{ status, effectiveFrom: '2024-05-01', evidence: 'I-797 receipt notice' }],
    });
    expect(leila).toMatchObject({ isProtected: true, protectionBasis: basis });
    await expectInvisible(omar.session, leila);
    expect(await countClients(omar.session)).toBe(0);
    // Carla, who registered her, is assigned and keeps her.
    expect((await searchClients(carla.session, leila.familyName)).map((c) => c.id)).toEqual([leila.id]);
  });

  it('Omar can see Leila until Carla records her U visa; from then on Leila does not exist for him, while Carla opens her with a reason', async () => {
    const carla = await memberSession(t, 'case_manager');
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const leila = await registerClient(carla.session, {
      givenName: 'Leila',
      familyName: 'Mansour',
      statuses: [{ status: 'asylum_seeker_affirmative', effectiveFrom: '2022-01-10' }],
    });
    expect((await omar.session.get(`/api/clients/${leila.id}`)).statusCode).toBe(200);
    expect(await countClients(omar.session)).toBe(1);

    // Her form sends the whole record, the protection box still unticked: the status protects her anyway.
    const update = await carla.session.patch(`/api/clients/${leila.id}`, {
      version: 1,
      isProtected: false,
      statuses: [...leila.statuses, { status: 'u_nonimmigrant', effectiveFrom: '2024-05-01', evidence: 'I-918 approval notice' }],
    });
    expect(update.statusCode, update.body).toBe(200);
    expect(update.json()).toMatchObject({ version: 2, isProtected: true, protectionBasis: 'u_visa' });

    await expectInvisible(omar.session, leila);
    expect(await countClients(omar.session)).toBe(0);
    const read = await carla.session.get(`/api/clients/${leila.id}${REASON}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: leila.id, isProtected: true, protectionBasis: 'u_visa', version: 2 });
  });

  it('Carla, a case manager assigned to Farah, cannot lift her protection (403); Sofia, the supervisor assigned to her, can, and Omar then finds Farah again', async () => {
    const carla = await memberSession(t, 'case_manager');
    const sofia = await memberSession(t, 'supervisor', carla.orgId);
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const stranger = await memberSession(t, 'supervisor', carla.orgId);
    const farah = await createClientRecord(t, carla.orgId, {
      givenName: 'Farah',
      familyName: 'Aziz',
      isProtected: true,
      assignedTo: [carla.user.id, sofia.user.id],
    });

    const refused = await carla.session.patch(`/api/clients/${farah.id}`, { version: 1, isProtected: false });
    expect(refused.statusCode, refused.body).toBe(403);
    // A supervisor who is not assigned does not even see the record to change it.
    expect((await stranger.session.patch(`/api/clients/${farah.id}`, { version: 1, isProtected: false })).statusCode).toBe(404);
    expect((await sofia.session.get(`/api/clients/${farah.id}${REASON}`)).json()).toMatchObject({ isProtected: true, version: 1 });
    await expectInvisible(omar.session, farah);

    const lifted = await sofia.session.patch(`/api/clients/${farah.id}`, { version: 1, isProtected: false });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ isProtected: false, protectionBasis: null, version: 2 });
    expect((await searchClients(omar.session, 'Aziz')).map((c) => c.id)).toEqual([farah.id]);
    expect((await omar.session.get(`/api/clients/${farah.id}`)).statusCode).toBe(200);
  });

  it('Sofia, a supervisor, registers Rana as protected for her safety; lifting the protection clears its basis too, so Rana is an ordinary record again', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const rana = await registerClient(sofia.session, { givenName: 'Rana', familyName: 'Khalil', isProtected: true, protectionBasis: 'safety' });
    expect(rana).toMatchObject({ isProtected: true, protectionBasis: 'safety' });

    // A basis without a protection makes no sense and is refused naming the field.
    const inconsistent = await sofia.session.post('/api/clients', { givenName: 'Huda', familyName: 'Khalil', protectionBasis: 'safety' });
    expectFieldRefused(inconsistent, 'protectionBasis');

    const lifted = await sofia.session.patch(`/api/clients/${rana.id}`, { version: 1, isProtected: false });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json<ClientResponse>()).toMatchObject({ isProtected: false, protectionBasis: null, version: 2 });
  });

  it('while Leila holds a T status, Sofia cannot lift her protection: she is told why (400 naming isProtected), Carla the case manager is refused outright (403), and Leila stays hidden', async () => {
    const carla = await memberSession(t, 'case_manager');
    const sofia = await memberSession(t, 'supervisor', carla.orgId);
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const leila = await createClientRecord(t, carla.orgId, { givenName: 'Leila', familyName: 'Mansour', assignedTo: [carla.user.id, sofia.user.id] });
    const protectedNow = await carla.session.patch(`/api/clients/${leila.id}`, {
      version: 1,
      statuses: [{ status: 't_nonimmigrant', effectiveFrom: '2024-02-01' }],
    });
    expect(protectedNow.json()).toMatchObject({ isProtected: true, protectionBasis: 't_visa', version: 2 });

    expect((await carla.session.patch(`/api/clients/${leila.id}`, { version: 2, isProtected: false })).statusCode).toBe(403);
    const sofiaTries = await sofia.session.patch(`/api/clients/${leila.id}`, { version: 2, isProtected: false, protectionBasis: null });
    expectFieldRefused(sofiaTries, 'isProtected');
    expect((await sofia.session.get(`/api/clients/${leila.id}${REASON}`)).json()).toMatchObject({ isProtected: true, protectionBasis: 't_visa', version: 2 });
    await expectInvisible(omar.session, leila);

    // Once the T status is taken off the record (entered by mistake), Sofia may lift the protection.
    const corrected = await sofia.session.patch(`/api/clients/${leila.id}`, { version: 2, statuses: [], isProtected: false });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ isProtected: false, protectionBasis: null, statuses: [] });
  });

  it('Omar, not assigned to Dalia, marks her protected: he is assigned by doing so and keeps the record; Karim, another colleague, loses it', async () => {
    const carla = await memberSession(t, 'case_manager');
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const karim = await memberSession(t, 'case_manager', carla.orgId);
    const dalia = await registerClient(carla.session, { givenName: 'Dalia', familyName: 'Mansour' });
    const marked = await omar.session.patch(`/api/clients/${dalia.id}`, { version: 1, statuses: [{ status: 'u_nonimmigrant', effectiveFrom: '2025-06-01' }] });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await omar.session.get(`/api/clients/${dalia.id}${REASON}`)).statusCode).toBe(200);
    expect((await carla.session.get(`/api/clients/${dalia.id}${REASON}`)).statusCode).toBe(200);
    await expectInvisible(karim.session, dalia);
  });
});
