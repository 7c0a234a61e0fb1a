import { describe, expect, it } from 'vitest';
import { createClientRecord, createTestApp, memberSession, type Session } from '../support/app.js';

interface Member {
  id: string;
  clientId: string;
  givenName: string;
  relationship: string;
  joinedOn: string;
  leftOn: string | null;
  isCurrent: boolean;
}
interface Household {
  id: string;
  name: string;
  version: number;
  members: Member[];
}

async function register(session: Session, givenName: string, familyName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await session.post('/api/clients', { givenName, familyName, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

describe('households', async () => {
  const t = await createTestApp();

  it('Karim groups the Haddad family; the son moves out to live with his uncle: the first household shows him as a former member, the second as current', async () => {
    const karim = await memberSession(t, 'case_manager');
    const amal = await register(karim.session, 'Amal', 'Haddad', { dateOfBirth: '1986-04-12' });
    const omar = await register(karim.session, 'Omar', 'Haddad', { dateOfBirth: '2007-09-01' });
    const yusuf = await register(karim.session, 'Yusuf', 'Haddad');

    const created = await karim.session.post('/api/households', {
      name: 'Haddad family',
      members: [
        { clientId: amal, relationship: 'head', joinedOn: '2026-08-20' },
        { clientId: omar, relationship: 'child', joinedOn: '2026-08-20' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const family = created.json<Household>();
    expect(family.members.map((m) => [m.givenName, m.relationship, m.isCurrent])).toEqual([
      ['Amal', 'head', true],
      ['Omar', 'child', true],
    ]);

    const omarMembership = family.members.find((m) => m.clientId === omar)!;
    const moved = await karim.session.patch(`/api/households/${family.id}/members/${omarMembership.id}`, { leftOn: '2026-10-31' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<Household>().members.map((m) => [m.givenName, m.isCurrent, m.leftOn])).toEqual([
      ['Amal', true, null],
      ['Omar', false, '2026-10-31'],
    ]);

    const uncle = await karim.session.post('/api/households', {
      name: 'Yusuf Haddad household',
      members: [
        { clientId: yusuf, relationship: 'head', joinedOn: '2025-01-10' },
        { clientId: omar, relationship: 'other_relative', joinedOn: '2026-11-01' },
      ],
    });
    expect(uncle.statusCode, uncle.body).toBe(201);

    // Omar belongs to both, over time; the list by client shows both, with who lives there now.
    const omars = (await karim.session.get(`/api/households?clientId=${omar}`)).json<{ items: { name: string; currentMembers: number }[] }>();
    expect(omars.items).toEqual([
      expect.objectContaining({ name: 'Haddad family', currentMembers: 1 }),
      expect.objectContaining({ name: 'Yusuf Haddad household', currentMembers: 2 }),
    ]);

    // Adding someone who is already there now is refused; so is an arrival before birth.
    const twice = await karim.session.post(`/api/households/${family.id}/members`, { clientId: amal, relationship: 'head', joinedOn: '2026-09-01' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toHaveProperty('clientId');
    const unborn = await karim.session.post(`/api/households/${family.id}/members`, { clientId: omar, relationship: 'child', joinedOn: '2001-01-01' });
    expect(unborn.statusCode).toBe(400);
    expect(unborn.json().error.fields).toHaveProperty('joinedOn');
  });

  it('two people rename the same household: the second is told it changed, and the first name stays', async () => {
    const karim = await memberSession(t, 'case_manager');
    const sofia = await memberSession(t, 'supervisor', karim.orgId);
    const head = await register(karim.session, 'Lucía', 'Morales');
    const household = (
      await karim.session.post('/api/households', { name: 'Morales', members: [{ clientId: head, relationship: 'head', joinedOn: '2026-01-05' }] })
    ).json<Household>();

    expect((await karim.session.patch(`/api/households/${household.id}`, { name: 'Morales family', version: 1 })).statusCode).toBe(200);
    const stale = await sofia.session.patch(`/api/households/${household.id}`, { name: 'Morales-López', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await sofia.session.get(`/api/households/${household.id}`)).json<Household>()).toMatchObject({ name: 'Morales family', version: 2 });
  });

  it('a suspected abuser cannot be linked into a household with others, whichever way round, and nothing is saved', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const survivor = await register(sofia.session, 'Noor', 'Saleh');
    const abuser = await register(sofia.session, 'Sami', 'Saleh', { suspectedAbuser: true });
    const child = await register(sofia.session, 'Rana', 'Saleh');

    const together = await sofia.session.post('/api/households', {
      name: 'Saleh',
      members: [
        { clientId: survivor, relationship: 'head', joinedOn: '2026-02-01' },
        { clientId: abuser, relationship: 'spouse', joinedOn: '2026-02-01' },
      ],
    });
    expect(together.statusCode).toBe(400);
    expect(together.json().error.fields).toHaveProperty(['members.1.clientId']);
    expect((await sofia.session.get(`/api/households?clientId=${survivor}`)).json().items).toEqual([]);

    const safe = (
      await sofia.session.post('/api/households', {
        name: 'Saleh',
        members: [
          { clientId: survivor, relationship: 'head', joinedOn: '2026-02-01' },
          { clientId: child, relationship: 'child', joinedOn: '2026-02-01' },
        ],
      })
    ).json<Household>();
    const added = await sofia.session.post(`/api/households/${safe.id}/members`, { clientId: abuser, relationship: 'spouse', joinedOn: '2026-03-01' });
    expect(added.statusCode).toBe(400);
    expect(added.json().error.fields.clientId).toMatch(/suspected abuser/);
    expect((await sofia.session.get(`/api/households/${safe.id}`)).json<Household>().members).toHaveLength(2);

    // Alone, the flagged person can still have a household record of their own.
    const alone = await sofia.session.post('/api/households', { name: 'Sami Saleh', members: [{ clientId: abuser, relationship: 'head', joinedOn: '2026-03-01' }] });
    expect(alone.statusCode).toBe(201);
    const joinHim = await sofia.session.post(`/api/households/${alone.json<Household>().id}/members`, { clientId: child, relationship: 'child', joinedOn: '2026-03-02' });
    expect(joinHim.statusCode).toBe(400);
  });

  it('a protected member is left out of the household for colleagues who are not assigned, and a household of only protected people does not exist for them', async () => {
    const carla = await memberSession(t, 'case_manager');
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const nadia = await createClientRecord(t, carla.orgId, { givenName: 'Nadia', familyName: 'Hidden', isProtected: true, assignedTo: [carla.user.id] });
    const son = await createClientRecord(t, carla.orgId, { givenName: 'Adam', familyName: 'Visible' });

    const mixed = await carla.session.post('/api/households', {
      name: 'Shelter family',
      members: [
        { clientId: nadia.id, relationship: 'head', joinedOn: '2026-05-01' },
        { clientId: son.id, relationship: 'child', joinedOn: '2026-05-01' },
      ],
    });
    expect(mixed.statusCode, mixed.body).toBe(201);
    const household = mixed.json<Household>();
    expect(household.members).toHaveLength(2);

    const seenByOmar = await omar.session.get(`/api/households/${household.id}`);
    expect(seenByOmar.statusCode).toBe(200);
    expect(seenByOmar.json<Household>().members.map((m) => m.givenName)).toEqual(['Adam']);
    expect(seenByOmar.body).not.toContain('Nadia');
    expect(seenByOmar.body).not.toContain(nadia.id);
    const listed = (await omar.session.get(`/api/households?clientId=${son.id}`)).json<{ items: { currentMembers: number }[] }>();
    expect(listed.items).toEqual([expect.objectContaining({ currentMembers: 1 })]);
    // Omar cannot act on Nadia's membership either: it does not exist for him.
    const nadiaMembership = household.members.find((m) => m.clientId === nadia.id)!;
    expect((await omar.session.patch(`/api/households/${household.id}/members/${nadiaMembership.id}`, { leftOn: '2026-06-01' })).statusCode).toBe(404);

    const onlyProtected = (
      await carla.session.post('/api/households', { name: 'Safe house', members: [{ clientId: nadia.id, relationship: 'head', joinedOn: '2026-05-01' }] })
    ).json<Household>();
    expect((await omar.session.get(`/api/households/${onlyProtected.id}`)).statusCode).toBe(404);
    expect((await omar.session.get('/api/households?q=Safe')).json().items).toEqual([]);
    expect((await carla.session.get('/api/households?q=Safe')).json().items).toHaveLength(1);
  });
});
