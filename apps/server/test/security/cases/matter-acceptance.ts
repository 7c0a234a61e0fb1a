import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type MatterStatus, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import type { TestApp } from '../../support/app.js';
import { callerId } from '../../support/cases.js';
import { createMatterRecord } from '../../support/legal.js';
import { createProgramRecord, type Caller, type ModuleCases, send } from '../../support/matrix.js';

const today = () => todayIn('America/New_York');
const someMatter = () => `/api/matters/${randomUUID()}`;

/**
 * A matter of the caller's own: one they screen (opened by them) or represent, so a role with the
 * action gets through and a role without it is refused by its role alone.
 */
async function ownMatter(t: TestApp, caller: Caller, orgId: string, status: MatterStatus, extra: Partial<typeof schema.legalMatters.$inferInsert> = {}) {
  const me = callerId(caller) ?? randomUUID();
  const matter = await createMatterRecord(t, orgId, status === 'screening' ? { representativeId: null, createdBy: me, status } : { representativeId: me, status });
  if (Object.keys(extra).length > 0) {
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .update(schema.legalMatters)
        .set(extra)
        .where(and(eq(schema.legalMatters.orgId, orgId), eq(schema.legalMatters.id, matter.id))),
    );
  }
  return matter;
}

/** The caller holds an active attorney credential marked supervising attorney (acceptance decisions need one). */
async function supervisingAttorney(t: TestApp, caller: Caller, orgId: string) {
  const userId = callerId(caller);
  if (!userId) {
    return;
  }
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.staffCredentials)
      .values({ orgId, userId, kind: 'attorney', barState: 'NY', barNumber: '4455667', barStatus: 'active', supervisingAttorney: true })
      .onConflictDoNothing(),
  );
}

const agreement = () => ({ scope: 'File Form I-589 and represent at the asylum interview', feeCents: 0, language: 'en', generatedAt: new Date().toISOString(), generatedBy: randomUUID() });

export const matterAcceptanceCases: ModuleCases = {
  routes: (t) => [
    {
      route: 'GET /api/matters/:id/acceptance',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId, 'open')).id}/acceptance`),
    },
    {
      route: 'POST /api/matters/:id/screening',
      needs: 'matter.manage',
      call: async (c, orgId) =>
        send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId, 'screening')).id}/screening`, { summary: 'Fear of return; arrived 2025', eligible: true, version: 1 }),
    },
    {
      route: 'POST /api/matters/:id/conflict-check',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId, 'screening')).id}/conflict-check`, {}),
    },
    {
      route: 'POST /api/matters/:id/conflict-check/clear',
      needs: 'matter.decide',
      call: async (c, orgId) => {
        const other = await ownMatter(t, c, orgId, 'open');
        const matter = await ownMatter(t, c, orgId, 'screening', {
          acceptance: {
            conflictCheck: {
              checkedBy: randomUUID(),
              checkedAt: new Date().toISOString(),
              hits: [{ matterId: other.id, partyRole: 'client', matchedRole: 'adverse_party' }],
              cleared: false,
            },
          },
        });
        await supervisingAttorney(t, c, orgId);
        return send(t, c, 'POST', `/api/matters/${matter.id}/conflict-check/clear`, { note: 'Another person with the same name', version: matter.version });
      },
    },
    {
      route: 'POST /api/matters/:id/decision',
      needs: 'matter.decide',
      call: async (c, orgId) => {
        const matter = await ownMatter(t, c, orgId, 'screening');
        await supervisingAttorney(t, c, orgId);
        return send(t, c, 'POST', `/api/matters/${matter.id}/decision`, { outcome: 'declined', criteria: ['staff_capacity'], reason: 'No capacity this quarter', version: 1 });
      },
    },
    {
      route: 'GET /api/matters/:id/agreement',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId, 'open', { agreement: agreement() })).id}/agreement`),
    },
    {
      route: 'POST /api/matters/:id/agreement',
      needs: 'matter.manage',
      call: async (c, orgId) =>
        send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId, 'open')).id}/agreement`, { scope: 'Work permit application (I-765)', feeCents: 5000, version: 1 }),
    },
    {
      route: 'POST /api/matters/:id/agreement/sign',
      needs: 'matter.manage',
      call: async (c, orgId) =>
        send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId, 'open', { agreement: agreement() })).id}/agreement/sign`, {
          clientSignedOn: today(),
          orgSignedOn: today(),
          version: 1,
        }),
    },
    {
      route: 'POST /api/matters/:id/close',
      needs: 'matter.manage',
      call: async (c, orgId) =>
        send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId, 'open')).id}/close`, { reason: 'completed_granted', summary: 'Work permit approved', closedOn: today(), version: 1 }),
    },
    {
      route: 'POST /api/matters/:id/reopen',
      needs: 'matter.decide',
      call: async (c, orgId) => {
        const matter = await ownMatter(t, c, orgId, 'closed', { closedOn: today(), retentionUntil: '2033-01-01' });
        await supervisingAttorney(t, c, orgId);
        return send(t, c, 'POST', `/api/matters/${matter.id}/reopen`, { reason: 'The client asked us to file the appeal after all', version: 1 });
      },
    },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/matters/:id/screening',
      story: 'Amina records a screening with an empty summary',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/screening`, { summary: '  ', eligible: true, version: 1 }),
      field: 'summary',
    },
    {
      route: 'POST /api/matters/:id/conflict-check/clear',
      story: 'Amina clears conflict hits without saying why',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/conflict-check/clear`, { version: 1 }),
      field: 'note',
    },
    {
      route: 'POST /api/matters/:id/decision',
      story: 'Amina declines a matter without a reason',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/decision`, { outcome: 'declined', criteria: [], version: 1 }),
      field: 'reason',
    },
    {
      route: 'POST /api/matters/:id/decision',
      story: 'Amina accepts a matter without naming its representative',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], version: 1 }),
      field: 'representativeId',
    },
    {
      route: 'POST /api/matters/:id/agreement',
      story: 'Amina writes a fee of 12.5 cents into an agreement',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/agreement`, { scope: 'Naturalization (N-400)', feeCents: 12.5, version: 1 }),
      field: 'feeCents',
    },
    {
      route: 'POST /api/matters/:id/agreement/sign',
      story: 'Amina records the client signing on 30 February',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/agreement/sign`, { clientSignedOn: '2026-02-30', orgSignedOn: '2026-02-27', version: 1 }),
      field: 'clientSignedOn',
    },
    {
      route: 'POST /api/matters/:id/close',
      story: 'Amina closes a matter for "other" reasons without describing them',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/close`, { reason: 'other', summary: 'Done', closedOn: '2026-01-05', version: 1 }),
      field: 'reasonDetail',
    },
    {
      route: 'POST /api/matters/:id/reopen',
      story: 'Amina reopens a matter without a reason',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `${someMatter()}/reopen`, { reason: '', version: 3 }),
      field: 'reason',
    },
    {
      route: 'PATCH /api/programs/:id',
      story: 'Amina keeps closed legal files for zero years',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'PATCH', `/api/programs/${(await createProgramRecord(t, orgId)).id}`, { legalSettings: { retentionYears: 0 } }),
      field: 'legalSettings.retentionYears',
    },
  ],
};
