import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_SETTINGS, type ProgramResponse } from '@haven/domain';
import type { z } from 'zod';
import { createTestApp, memberSession } from '../support/app.js';
import { createProgramRecord } from '../support/matrix.js';

type Program = z.infer<typeof ProgramResponse>;

describe('program case settings', async () => {
  const t = await createTestApp();

  it('a program starts on the defaults; a partial change keeps the other defaults; null goes back to them', async () => {
    const admin = await memberSession(t, 'org_admin');
    const program = await createProgramRecord(t, admin.orgId, { name: 'Intensive Case Management' });
    const listed = (await admin.session.get('/api/programs')).json<{ items: Program[] }>().items.find((p) => p.id === program.id)!;
    expect(listed).toMatchObject({ caseSettings: DEFAULT_CASE_SETTINGS, caseSettingsCustomized: false });

    const weekly = await admin.session.patch(`/api/programs/${program.id}`, { caseSettings: { contactRule: { minimum: 2, period: 'week' }, closureApprovalRequired: false } });
    expect(weekly.statusCode, weekly.body).toBe(200);
    expect(weekly.json<Program>()).toMatchObject({
      caseSettingsCustomized: true,
      caseSettings: { ...DEFAULT_CASE_SETTINGS, contactRule: { minimum: 2, period: 'week' }, closureApprovalRequired: false },
    });

    const bad = await admin.session.patch(`/api/programs/${program.id}`, { caseSettings: { contactRule: { minimum: 0, period: 'week' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string> } }>().error.fields).toHaveProperty(['caseSettings.contactRule.minimum']);

    const reset = await admin.session.patch(`/api/programs/${program.id}`, { caseSettings: null });
    expect(reset.json<Program>()).toMatchObject({ caseSettings: DEFAULT_CASE_SETTINGS, caseSettingsCustomized: false });
  });
});
