import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createClientRecord, createTestApp, memberSession } from '../support/app.js';
import type { Session } from '../support/app.js';

interface ClientItem {
  id: string;
  givenName: string;
  familyName: string;
  isProtected: boolean;
}
interface ClientPage {
  items: ClientItem[];
  nextCursor: string | null;
}
interface AuditItem {
  action: string;
  objectId: string;
  actorUserId: string;
  after?: { reason?: string };
}

async function listClients(session: Session, query = ''): Promise<ClientPage> {
  const response = await session.get(`/api/clients${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ClientPage>();
}

describe('protected clients (8 USC 1367)', async () => {
  const t = await createTestApp();

  it('Nadia is a protected client assigned to Carla: Amina (org admin) and Omar (case manager) cannot list, find or open her, and the 404 looks like any unknown id', async () => {
    const carla = await memberSession(t, 'case_manager');
    const amina = await memberSession(t, 'org_admin', carla.orgId);
    const omar = await memberSession(t, 'case_manager', carla.orgId);
    const family = 'Haddad';
    const nadia = await createClientRecord(t, carla.orgId, { givenName: 'Nadia', familyName: family, isProtected: true, assignedTo: [carla.user.id] });
    // Her brother is not protected: the same search must find him, so an empty result means "hidden", not "broken".
    const sami = await createClientRecord(t, carla.orgId, { givenName: 'Sami', familyName: family });

    for (const [who, session] of [
      ['Amina', amina.session],
      ['Omar', omar.session],
    ] as const) {
      const all = await listClients(session);
      expect(all.items.map((c) => c.id), who).toEqual([sami.id]);
      const byFamily = await listClients(session, `?q=${family}`);
      expect(byFamily.items.map((c) => c.id), who).toEqual([sami.id]);
      expect((await listClients(session, '?q=Nadia')).items, who).toEqual([]);

      const direct = await session.get(`/api/clients/${nadia.id}`);
      const unknown = await session.get(`/api/clients/${randomUUID()}`);
      expect(direct.statusCode, who).toBe(404);
      expect(direct.json(), who).toEqual(unknown.json());
      expect(direct.body, who).not.toContain('Nadia');
      // Not even with a reason, and not in counts or duplicate suggestions.
      expect((await session.get(`/api/clients/${nadia.id}?reason=${encodeURIComponent('Checking the file')}`)).statusCode, who).toBe(404);
      expect((await session.get('/api/clients/count')).json(), who).toEqual({ count: 1 });
      expect((await session.get('/api/clients/count?q=Nadia')).json(), who).toEqual({ count: 0 });
      const dupes = await session.post('/api/clients/duplicate-check', { givenName: 'Nadia', familyName: family });
      expect(dupes.json().items, who).toEqual([]);
    }

    // Carla, who is assigned, has her in every view.
    expect((await listClients(carla.session)).items.map((c) => c.givenName).sort()).toEqual(['Nadia', 'Sami']);
    expect((await listClients(carla.session, '?q=nadia')).items).toEqual([expect.objectContaining({ id: nadia.id, isProtected: true })]);
    expect((await carla.session.get('/api/clients/count')).json()).toEqual({ count: 2 });
    // Opening the protected record asks her why first.
    const unexplained = await carla.session.get(`/api/clients/${nadia.id}`);
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().error).toMatchObject({ code: 'reason_required', fields: { reason: expect.any(String) } });
    expect(unexplained.body).not.toContain(family);
    const read = await carla.session.get(`/api/clients/${nadia.id}?reason=${encodeURIComponent('Preparing the home visit')}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: nadia.id, givenName: 'Nadia', familyName: family, isProtected: true });
  });

  it("Carla opens Nadia's protected record twice: Ines the auditor finds two client.read_sensitive events by Carla; Carla opening Sami's ordinary record leaves no such event, and neither do the refused attempts", async () => {
    const carla = await memberSession(t, 'case_manager');
    const ines = await memberSession(t, 'auditor', carla.orgId);
    const amina = await memberSession(t, 'org_admin', carla.orgId);
    const nadia = await createClientRecord(t, carla.orgId, { givenName: 'Nadia', isProtected: true, assignedTo: [carla.user.id] });
    const sami = await createClientRecord(t, carla.orgId, { givenName: 'Sami' });

    expect((await carla.session.get(`/api/clients/${nadia.id}?reason=First%20intake%20call`)).statusCode).toBe(200);
    expect((await carla.session.get(`/api/clients/${nadia.id}?reason=Court%20letter`)).statusCode).toBe(200);
    // Without a reason nothing is shown and nothing is logged as read.
    expect((await carla.session.get(`/api/clients/${nadia.id}`)).statusCode).toBe(400);
    expect((await carla.session.get(`/api/clients/${sami.id}`)).statusCode).toBe(200);
    expect((await amina.session.get(`/api/clients/${nadia.id}`)).statusCode).toBe(404);
    expect((await ines.session.get(`/api/clients/${nadia.id}`)).statusCode).toBe(404);

    const events = await ines.session.get('/api/audit-events?action=client.read_sensitive');
    expect(events.statusCode).toBe(200);
    const items = events.json<{ items: AuditItem[] }>().items;
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({ action: 'client.read_sensitive', objectId: nadia.id, actorUserId: carla.user.id });
    }
    expect(items.map((i) => i.after?.reason).sort()).toEqual(['Court letter', 'First intake call']);
    const aboutSami = await ines.session.get(`/api/audit-events?objectId=${sami.id}`);
    expect(aboutSami.json<{ items: AuditItem[] }>().items.map((e) => e.action)).toEqual(['client.created']);
    // The auditor reads the trail, not the protected record itself.
    expect((await listClients(ines.session)).items.map((c) => c.id)).toEqual([sami.id]);
  });

  it('Carla registers five clients (two with the very same name); listing two at a time and following nextCursor visits each exactly once, in name order', async () => {
    const carla = await memberSession(t, 'case_manager');
    const registered: ClientItem[] = [];
    for (const [givenName, familyName] of [
      ['Yara', 'Nasser'],
      ['Ali', 'Barzani'],
      ['Maria', 'Lopez'],
      ['Maria', 'Lopez'],
      ['Chen', 'Wei'],
    ]) {
      const response = await carla.session.post('/api/clients', { givenName, familyName });
      expect(response.statusCode).toBe(201);
      registered.push(response.json<ClientItem>());
    }
    // Someone else's protected client must not take a place on Carla's pages.
    await createClientRecord(t, carla.orgId, { givenName: 'Hidden', familyName: 'Karimi', isProtected: true });

    const pages: ClientItem[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await listClients(carla.session, query);
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const seen = pages.flat();
    expect(new Set(seen.map((c) => c.id)).size).toBe(5);
    expect(seen.map((c) => c.id).sort()).toEqual(registered.map((c) => c.id).sort());
    expect(seen.map((c) => `${c.familyName}, ${c.givenName}`)).toEqual([
      'Barzani, Ali',
      'Lopez, Maria',
      'Lopez, Maria',
      'Nasser, Yara',
      'Wei, Chen',
    ]);
  });

  it('a search for "%" or "_" is taken literally and does not match every name', async () => {
    const carla = await memberSession(t, 'case_manager');
    await createClientRecord(t, carla.orgId, { givenName: 'Amal', familyName: 'Saleh' });
    expect((await listClients(carla.session, `?q=${encodeURIComponent('%')}`)).items).toEqual([]);
    expect((await listClients(carla.session, '?q=_')).items).toEqual([]);
    expect((await listClients(carla.session, '?q=SAL')).items.map((c) => c.familyName)).toEqual(['Saleh']);
  });
});
