import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ClientResponse } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createTestApp, memberSession, type Session } from '../support/app.js';
import { expectFieldRefused, registerClient, searchClients } from './support.js';

async function readRow(t: Awaited<ReturnType<typeof createTestApp>>, id: string) {
  const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.clients).where(eq(schema.clients.id, id)));
  return row!;
}

async function household(session: Session, name: string, members: { clientId: string; relationship: string }[]) {
  const response = await session.post('/api/households', { name, members: members.map((m) => ({ ...m, joinedOn: '2026-01-10' })) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

describe('merging duplicate records', async () => {
  const t = await createTestApp();

  it('Sofia merges a second registration of Amal into the first: the household, the A-number and the phone move over, the duplicate disappears, and undoing it brings everything back', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const karim = await memberSession(t, 'case_manager', sofia.orgId);
    const first = await registerClient(sofia.session, { givenName: 'Amal', familyName: 'Haddad', countryOfBirth: 'SY' });
    const second = await registerClient(karim.session, {
      givenName: 'Amal',
      familyName: 'Hadad',
      dateOfBirth: '1986-04-12',
      aNumber: 'A-201-555-019',
      phones: [{ number: '+1 555 010 2030' }],
    });
    const son = await registerClient(karim.session, { givenName: 'Omar', familyName: 'Hadad' });
    const home = await household(karim.session, 'Hadad family', [
      { clientId: second.id, relationship: 'head' },
      { clientId: son.id, relationship: 'child' },
    ]);

    const intake = await karim.session.post('/api/intakes', { data: { clientIds: [son.id, second.id] } });
    expect(intake.statusCode, intake.body).toBe(201);

    const merged = await sofia.session.post(`/api/clients/${first.id}/merge`, { duplicateId: second.id, version: first.version, reason: 'Registered twice at intake' });
    expect(merged.statusCode, merged.body).toBe(200);
    const survivor = merged.json<ClientResponse>();
    expect(survivor).toMatchObject({
      givenName: 'Amal',
      familyName: 'Haddad',
      countryOfBirth: 'SY',
      // Blanks are filled from the duplicate; its name is kept as an alias.
      dateOfBirth: '1986-04-12',
      aNumber: 'A-201-555-019',
      aliases: ['Amal Hadad'],
      phones: [expect.objectContaining({ number: '+1 555 010 2030' })],
    });

    // The duplicate is gone for everyone; searches by its A-number or phone find the survivor.
    expect((await sofia.session.get(`/api/clients/${second.id}`)).statusCode).toBe(404);
    expect((await searchClients(karim.session, 'A-201-555-019')).map((c) => c.id)).toEqual([first.id]);
    expect((await searchClients(karim.session, '555 010 2030')).map((c) => c.id)).toEqual([first.id]);
    expect((await searchClients(karim.session, 'Amal Hadad')).map((c) => c.id)).toEqual([first.id]);
    const members = (await karim.session.get(`/api/households/${home}`)).json<{ members: { clientId: string }[] }>().members;
    expect(members.map((m) => m.clientId).sort()).toEqual([first.id, son.id].sort());
    // An intake under way names the survivor in the duplicate's place.
    const resumed = await karim.session.get(`/api/intakes/${intake.json<{ id: string }>().id}`);
    expect(resumed.json<{ data: { clientIds: string[] } }>().data.clientIds).toEqual([son.id, first.id]);
    // Karim, who registered the duplicate, is assigned to the survivor now.
    const assigned = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.clientAssignments).where(eq(schema.clientAssignments.clientId, first.id)));
    expect(assigned.map((a) => a.userId)).toContain(karim.user.id);

    const ines = await memberSession(t, 'auditor', sofia.orgId);
    const audit = (await ines.session.get(`/api/audit-events?action=client.merged&objectId=${first.id}`)).json<{ items: { before: { reason: string } }[] }>().items;
    expect(audit).toEqual([expect.objectContaining({ before: expect.objectContaining({ reason: 'Registered twice at intake', duplicateId: second.id }) })]);

    // Undo: the duplicate returns with its household place and identifiers; the survivor's blanks are blank again.
    const undone = await sofia.session.post(`/api/clients/${second.id}/unmerge`, { reason: 'They are sisters, not one person' });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json<ClientResponse>()).toMatchObject({ id: second.id, familyName: 'Hadad', aNumber: 'A-201-555-019', dateOfBirth: '1986-04-12' });
    expect((await sofia.session.get(`/api/clients/${first.id}`)).json<ClientResponse>()).toMatchObject({ dateOfBirth: null, aNumber: null, aliases: [], phones: [] });
    const again = (await karim.session.get(`/api/households/${home}`)).json<{ members: { clientId: string }[] }>().members;
    expect(again.map((m) => m.clientId).sort()).toEqual([second.id, son.id].sort());
    expect((await readRow(t, second.id)).mergedInto).toBeNull();
    // Undone once, there is nothing left to undo.
    expect((await sofia.session.post(`/api/clients/${second.id}/unmerge`, { reason: 'Again' })).statusCode).toBe(404);
  });

  it('records that cannot be one person are not merged, and nothing changes: different A-numbers, both in one household now, both enrolled in one program', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const a = await registerClient(sofia.session, { givenName: 'Farid', familyName: 'Rahimi', aNumber: 'A-111-222-333' });
    const b = await registerClient(sofia.session, { givenName: 'Farid', familyName: 'Rahimi', aNumber: 'A-111-222-334' });
    const differentANumbers = await sofia.session.post(`/api/clients/${a.id}/merge`, { duplicateId: b.id, version: 1, reason: 'Looks the same' });
    expectFieldRefused(differentANumbers, 'duplicateId');
    expect(differentANumbers.json().error.fields.duplicateId).toMatch(/A-numbers/);

    const c = await registerClient(sofia.session, { givenName: 'Farid', familyName: 'Rahimi' });
    await household(sofia.session, 'Rahimi', [
      { clientId: a.id, relationship: 'head' },
      { clientId: c.id, relationship: 'sibling' },
    ]);
    expectFieldRefused(await sofia.session.post(`/api/clients/${a.id}/merge`, { duplicateId: c.id, version: 1, reason: 'Looks the same' }), 'duplicateId');

    expect((await readRow(t, b.id)).mergedInto).toBeNull();
    expect((await readRow(t, c.id)).mergedInto).toBeNull();
    expect((await readRow(t, a.id)).version).toBe(1);
  });

  it('merging a protected record into an ordinary one protects the result; a stale version is refused; another organization gets 404', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const ben = await memberSession(t, 'supervisor');
    const colleague = await memberSession(t, 'case_manager', sofia.orgId);
    const open = await registerClient(sofia.session, { givenName: 'Noor', familyName: 'Saleh' });
    const hidden = await registerClient(sofia.session, { givenName: 'Noor', familyName: 'Salih', isProtected: true, protectionBasis: 'vawa' });
    expect((await colleague.session.get(`/api/clients/${open.id}`)).statusCode).toBe(200);

    expect((await ben.session.post(`/api/clients/${open.id}/merge`, { duplicateId: hidden.id, version: 1, reason: 'Same person' })).statusCode).toBe(404);
    expect((await sofia.session.post(`/api/clients/${open.id}/merge`, { duplicateId: randomUUID(), version: 1, reason: 'Same person' })).statusCode).toBe(400);
    expect((await sofia.session.post(`/api/clients/${open.id}/merge`, { duplicateId: hidden.id, version: 7, reason: 'Same person' })).statusCode).toBe(409);

    const merged = await sofia.session.post(`/api/clients/${open.id}/merge`, { duplicateId: hidden.id, version: 1, reason: 'Same person' });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json<ClientResponse>()).toMatchObject({ isProtected: true, protectionBasis: 'vawa' });
    // The colleague who is not assigned no longer sees the merged record.
    expect((await colleague.session.get(`/api/clients/${open.id}`)).statusCode).toBe(404);
  });
});
