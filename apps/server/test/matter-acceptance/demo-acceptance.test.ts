import { type MatterAcceptanceResponse, type MatterPage } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/ops/seed-demo.js';
import { createTestApp, login } from '../support/app.js';

describe('demo acceptance', async () => {
  const t = await createTestApp();

  it('Grace (legal@) sees Selam Tesfay’s matter screened, checked, accepted and its agreement signed', async () => {
    await seedDemo(t.database.db);
    const grace = await login(t, 'legal@demo.haven.test', DEMO_PASSWORD);
    const matter = (await grace.get('/api/matters')).json<MatterPage>().items[0]!;
    const acceptance = await grace.get(`/api/matters/${matter.id}/acceptance`);
    expect(acceptance.statusCode, acceptance.body).toBe(200);
    expect(acceptance.json<MatterAcceptanceResponse>()).toMatchObject({
      matter: { status: 'open', representative: { name: 'Grace Mwangi' } },
      screening: { screenedBy: { name: 'Grace Mwangi' } },
      conflictCheck: { cleared: true, hits: [], stale: false },
      decision: { outcome: 'accepted', decidedBy: { name: 'Grace Mwangi' } },
      agreement: { feeCents: 15_000, language: 'en', signed: true },
      client: { name: 'Selam Tesfay', documentLanguage: 'en' },
      callerIsSupervisingAttorney: true,
    });
  });
});
