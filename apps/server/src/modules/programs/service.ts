import type { z } from 'zod';
import {
  type CreateOfficeRequest,
  type CreateProgramRequest,
  effectiveCaseSettings,
  effectiveEligibilityRules,
  effectiveLegalSettings,
  type OfficeResponse,
  type ProgramResponse,
  type UpdateOfficeRequest,
  type UpdateProgramRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, isUniqueViolation } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

const LIST_LIMIT = 500;
const duplicateCode = () => conflict('Another program has this code', { code: 'Already used by another program' });

const toProgram = (row: repo.ProgramRow): z.infer<typeof ProgramResponse> => ({
  id: row.id,
  name: row.name,
  code: row.code,
  description: row.description,
  active: row.active,
  eligibilityRules: effectiveEligibilityRules(row),
  eligibilityRulesCustomized: row.eligibilityRules !== null,
  caseSettings: effectiveCaseSettings(row.caseSettings),
  caseSettingsCustomized: row.caseSettings !== null && Object.keys(row.caseSettings).length > 0,
  legalSettings: effectiveLegalSettings(row.legalSettings),
  legalSettingsCustomized: row.legalSettings !== null && Object.keys(row.legalSettings).length > 0,
  createdAt: row.createdAt.toISOString(),
});

const toOffice = (row: repo.OfficeRow): z.infer<typeof OfficeResponse> => ({
  id: row.id,
  name: row.name,
  address: row.address,
  phone: row.phone,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

/** Programs (what a client enrolls in) and offices (where staff work). */
export class ProgramService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  async listPrograms(ctx: MemberContext) {
    requireAction(ctx, 'program.read');
    return (await this.tenant(ctx, (tx) => repo.listPrograms(tx, ctx.subject.orgId, LIST_LIMIT))).map(toProgram);
  }

  async createProgram(ctx: MemberContext, input: z.infer<typeof CreateProgramRequest>) {
    requireAction(ctx, 'program.manage');
    return this.tenant(ctx, async (tx) => {
      if (input.code && (await repo.findProgramByCode(tx, ctx.subject.orgId, input.code))) {
        throw duplicateCode();
      }
      // The unique index decides between two simultaneous creations of the same code.
      const row = await repo.insertProgram(tx, { orgId: ctx.subject.orgId, ...input }).catch((err: unknown) => {
        throw isUniqueViolation(err) ? duplicateCode() : err;
      });
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'program.created',
        objectType: 'program',
        objectId: row.id,
        after: toProgram(row),
      });
      return toProgram(row);
    });
  }

  async updateProgram(ctx: MemberContext, id: string, input: z.infer<typeof UpdateProgramRequest>) {
    requireAction(ctx, 'program.manage');
    return this.tenant(ctx, async (tx) => {
      const before = await repo.findProgram(tx, ctx.subject.orgId, id);
      if (!before) {
        throw notFound('Program not found');
      }
      const row = await repo.updateProgram(tx, ctx.subject.orgId, id, input);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'program.updated',
        objectType: 'program',
        objectId: id,
        before: toProgram(before),
        after: toProgram(row),
      });
      return toProgram(row);
    });
  }

  async listOffices(ctx: MemberContext) {
    requireAction(ctx, 'office.read');
    return (await this.tenant(ctx, (tx) => repo.listOffices(tx, ctx.subject.orgId, LIST_LIMIT))).map(toOffice);
  }

  async createOffice(ctx: MemberContext, input: z.infer<typeof CreateOfficeRequest>) {
    requireAction(ctx, 'office.manage');
    return this.tenant(ctx, async (tx) => {
      const row = await repo.insertOffice(tx, { orgId: ctx.subject.orgId, ...input });
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'office.created',
        objectType: 'office',
        objectId: row.id,
        after: toOffice(row),
      });
      return toOffice(row);
    });
  }

  async updateOffice(ctx: MemberContext, id: string, input: z.infer<typeof UpdateOfficeRequest>) {
    requireAction(ctx, 'office.manage');
    return this.tenant(ctx, async (tx) => {
      const before = await repo.findOffice(tx, ctx.subject.orgId, id);
      if (!before) {
        throw notFound('Office not found');
      }
      const row = await repo.updateOffice(tx, ctx.subject.orgId, id, input);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'office.updated',
        objectType: 'office',
        objectId: id,
        before: toOffice(before),
        after: toOffice(row),
      });
      return toOffice(row);
    });
  }
}
