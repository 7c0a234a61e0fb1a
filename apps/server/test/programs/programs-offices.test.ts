import { describe, expect, it } from 'vitest';
import { createTestApp, memberSession } from '../support/app.js';
import type { Session } from '../support/app.js';
import { readProgram } from '../support/matrix.js';

interface ProgramItem {
  id: string;
  name: string;
  code: string | null;
  description: string | null;
  active: boolean;
}
interface OfficeItem {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  active: boolean;
}
interface AuditItem {
  action: string;
  objectType: string;
  objectId: string;
  actorUserId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

async function auditOf(admin: Session, objectType: 'program' | 'office', objectId: string): Promise<AuditItem[]> {
  const response = await admin.get(`/api/audit-events?objectType=${objectType}&objectId=${objectId}`);
  expect(response.statusCode).toBe(200);
  // Oldest first reads like the story it tells.
  return response.json<{ items: AuditItem[] }>().items.reverse();
}

describe('programs and offices', async () => {
  const t = await createTestApp();

  it('Amina creates two programs; the list shows both, by name, with their codes and descriptions, and each creation is in the audit log', async () => {
    const amina = await memberSession(t, 'org_admin');
    const legal = await amina.session.post('/api/programs', { name: 'Legal services', code: 'LEGAL', description: 'Asylum and TPS applications' });
    const housing = await amina.session.post('/api/programs', { name: 'Housing', code: 'HOUSE' });
    expect(legal.statusCode).toBe(201);
    expect(housing.statusCode).toBe(201);
    expect(legal.json()).toMatchObject({ name: 'Legal services', code: 'LEGAL', description: 'Asylum and TPS applications', active: true });

    const list = (await amina.session.get('/api/programs')).json<{ items: ProgramItem[] }>().items;
    expect(list.map((p) => [p.name, p.code, p.active])).toEqual([
      ['Housing', 'HOUSE', true],
      ['Legal services', 'LEGAL', true],
    ]);

    const events = await auditOf(amina.session, 'program', legal.json<ProgramItem>().id);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'program.created',
        actorUserId: amina.user.id,
        before: null,
        after: expect.objectContaining({ name: 'Legal services', code: 'LEGAL', active: true }),
      }),
    ]);
  });

  it('Amina renames "Legal" to "Legal services" and clears its description: the list shows it, and the audit log keeps before and after', async () => {
    const amina = await memberSession(t, 'org_admin');
    const created = await amina.session.post('/api/programs', { name: 'Legal', code: 'LEGAL', description: 'Old text' });
    const id = created.json<ProgramItem>().id;

    const updated = await amina.session.patch(`/api/programs/${id}`, { name: 'Legal services', description: null });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id, name: 'Legal services', code: 'LEGAL', description: null, active: true });
    expect((await amina.session.get('/api/programs')).json<{ items: ProgramItem[] }>().items).toEqual([
      expect.objectContaining({ id, name: 'Legal services', description: null }),
    ]);

    const [, update] = await auditOf(amina.session, 'program', id);
    expect(update).toMatchObject({
      action: 'program.updated',
      actorUserId: amina.user.id,
      before: { name: 'Legal', description: 'Old text', code: 'LEGAL' },
      after: { name: 'Legal services', description: null, code: 'LEGAL' },
    });
  });

  it('Amina gives a second program the code "LEGAL" that the first already has → 409 naming code, and there is still one LEGAL program', async () => {
    const amina = await memberSession(t, 'org_admin');
    expect((await amina.session.post('/api/programs', { name: 'Legal services', code: 'LEGAL' })).statusCode).toBe(201);

    const duplicate = await amina.session.post('/api/programs', { name: 'Legal clinic', code: 'LEGAL' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('conflict');
    expect(duplicate.json().error.fields).toHaveProperty('code');

    const list = (await amina.session.get('/api/programs')).json<{ items: ProgramItem[] }>().items;
    expect(list.map((p) => p.name)).toEqual(['Legal services']);
    // Programs without a code never collide.
    expect((await amina.session.post('/api/programs', { name: 'Youth' })).statusCode).toBe(201);
    expect((await amina.session.post('/api/programs', { name: 'Elders' })).statusCode).toBe(201);
  });

  it('Amina clicks "Create" on a program with code "ESL" several times in a row: one request creates it, the others are told the code is taken (409), never a server error', async () => {
    const amina = await memberSession(t, 'org_admin');
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => amina.session.post('/api/programs', { name: 'English classes', code: 'ESL' })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const conflict of responses.filter((r) => r.statusCode === 409)) {
      expect(conflict.json().error.fields).toHaveProperty('code');
    }
    expect((await amina.session.get('/api/programs')).json<{ items: ProgramItem[] }>().items).toHaveLength(1);
  });

  it('Amina pauses the Housing program and later resumes it: the list shows it inactive, then active, and the audit log has both changes', async () => {
    const amina = await memberSession(t, 'org_admin');
    const id = (await amina.session.post('/api/programs', { name: 'Housing', code: 'HOUSE' })).json<ProgramItem>().id;

    const paused = await amina.session.patch(`/api/programs/${id}`, { active: false });
    expect(paused.json()).toMatchObject({ active: false, name: 'Housing' });
    // A paused program stays listed (clients enrolled in it keep their history).
    expect((await amina.session.get('/api/programs')).json<{ items: ProgramItem[] }>().items).toEqual([
      expect.objectContaining({ id, active: false }),
    ]);
    expect((await readProgram(t, id))?.active).toBe(false);

    const resumed = await amina.session.patch(`/api/programs/${id}`, { active: true });
    expect(resumed.json()).toMatchObject({ active: true });

    const events = await auditOf(amina.session, 'program', id);
    expect(events.map((e) => [e.action, e.before?.active ?? null, e.after?.active])).toEqual([
      ['program.created', null, true],
      ['program.updated', true, false],
      ['program.updated', false, true],
    ]);
  });

  it('Pablo, a program director, runs programs but cannot open an office; Amina opens it instead', async () => {
    const amina = await memberSession(t, 'org_admin');
    const pablo = await memberSession(t, 'program_director', amina.orgId);

    expect((await pablo.session.post('/api/programs', { name: 'Employment' })).statusCode).toBe(201);
    const office = await pablo.session.post('/api/offices', { name: 'Northside' });
    expect(office.statusCode).toBe(403);
    expect((await amina.session.get('/api/offices')).json().items).toEqual([]);
    expect((await amina.session.post('/api/offices', { name: 'Northside' })).statusCode).toBe(201);
    expect((await pablo.session.get('/api/offices')).json<{ items: OfficeItem[] }>().items.map((o) => o.name)).toEqual(['Northside']);
  });

  it('Amina opens two offices, changes the phone of one, clears its address and closes it: the list and the audit log (objectType=office) follow each step', async () => {
    const amina = await memberSession(t, 'org_admin');
    const main = await amina.session.post('/api/offices', { name: 'Main office', address: '1 Harbor St, Portland', phone: '+1 (503) 555-0100' });
    expect(main.statusCode).toBe(201);
    expect(main.json()).toMatchObject({ name: 'Main office', address: '1 Harbor St, Portland', phone: '+1 (503) 555-0100', active: true });
    const annex = await amina.session.post('/api/offices', { name: 'Annex' });
    expect(annex.json()).toMatchObject({ name: 'Annex', address: null, phone: null, active: true });
    const id = main.json<OfficeItem>().id;

    expect((await amina.session.patch(`/api/offices/${id}`, { phone: '+1 503 555 0199', address: null })).statusCode).toBe(200);
    expect((await amina.session.patch(`/api/offices/${id}`, { active: false })).statusCode).toBe(200);

    const list = (await amina.session.get('/api/offices')).json<{ items: OfficeItem[] }>().items;
    expect(list.map((o) => [o.name, o.active])).toEqual([
      ['Annex', true],
      ['Main office', false],
    ]);
    expect(list.find((o) => o.id === id)).toMatchObject({ phone: '+1 503 555 0199', address: null });

    const events = await auditOf(amina.session, 'office', id);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ action: 'office.created', after: { name: 'Main office', active: true } });
    expect(events[1]).toMatchObject({
      action: 'office.updated',
      actorUserId: amina.user.id,
      before: { phone: '+1 (503) 555-0100', address: '1 Harbor St, Portland' },
      after: { phone: '+1 503 555 0199', address: null },
    });
    expect(events[2]).toMatchObject({ action: 'office.updated', before: { active: true }, after: { active: false } });
    // The filter is exact: program events do not leak into the office view and vice versa.
    expect(events.every((e) => e.objectType === 'office')).toBe(true);
  });
});
