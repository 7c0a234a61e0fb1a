import { describe, expect, it } from 'vitest';
import type { CaseListItem, CaseResponse } from '@haven/domain';
import { DEMO_PASSWORD, seedDemo } from '../../src/ops/seed-demo.js';
import { createTestApp, login } from '../support/app.js';

describe('demo case', async () => {
  const t = await createTestApp();

  it("Karim, the demo case manager, finds Amal Haddad's case at assessment; Sofia, the supervisor, sees it too", async () => {
    await seedDemo(t.database.db);
    const karim = await login(t, 'casemanager@demo.haven.test', DEMO_PASSWORD);
    const [item] = (await karim.get('/api/cases')).json<{ items: CaseListItem[] }>().items;
    expect(item).toMatchObject({ reference: 'C-2026-0001', stage: 'assessment', client: { name: 'Amal Haddad' }, supervisor: { name: 'Sofia Lindqvist' } });

    const sofia = await login(t, 'supervisor@demo.haven.test', DEMO_PASSWORD);
    const kase = (await sofia.get(`/api/cases/${item!.id}`)).json<CaseResponse>();
    expect(kase).toMatchObject({ stage: 'assessment', capabilities: { canSupervise: true } });
  });
});
