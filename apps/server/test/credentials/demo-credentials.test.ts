import { describe, expect, it } from 'vitest';
import type { CredentialOverview, MyCredentials } from '@haven/domain';
import { DEMO_PASSWORD, seedDemo } from '../../src/ops/seed-demo.js';
import { createTestApp, login } from '../support/app.js';

describe('demo credentials', async () => {
  const t = await createTestApp();

  it('Grace (legal@) is an active supervising attorney, Joseph (rep@) a partially accredited representative due for renewal, and the organization is recognized to 2029', async () => {
    await seedDemo(t.database.db);
    const grace = await login(t, 'legal@demo.haven.test', DEMO_PASSWORD);
    expect((await grace.get('/api/credentials/mine')).json<MyCredentials>()).toMatchObject({
      mayRepresent: true,
      items: [{ kind: 'attorney', barState: 'IL', barStatus: 'active', supervisingAttorney: true, status: 'valid' }],
    });
    const joseph = await login(t, 'rep@demo.haven.test', DEMO_PASSWORD);
    expect((await joseph.get('/api/credentials/mine')).json<MyCredentials>()).toMatchObject({
      mayRepresent: true,
      items: [{ kind: 'accredited_representative', accreditationLevel: 'partial', status: 'expiring', daysToExpiry: 45 }],
    });
    const amina = await login(t, 'admin@demo.haven.test', DEMO_PASSWORD);
    const overview = (await amina.get('/api/credentials/overview')).json<CredentialOverview>();
    expect(overview.expiring.map((c) => c.member.name)).toEqual(['Joseph Banda']);
    expect(overview.recognition).toMatchObject({ status: 'valid', current: { expiresOn: '2029-06-01' } });
  });
});
