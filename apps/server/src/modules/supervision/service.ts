import { addMonths, type SupervisionDashboard, type SupervisionDashboardQuery, todayIn } from '@haven/domain';
import { and, eq, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { schema } from '../../platform/db/index.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { readableCases } from '../cases/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

const { cases } = schema;

/**
 * The supervisor dashboard. Only cases the caller may read count (a protected client's case only
 * for staff assigned to the client); "team" narrows them to the cases the caller supervises.
 * "Today" and the contact periods are in the organization's time zone.
 */
export class SupervisionService {
  constructor(private readonly deps: AppDeps) {}

  async dashboard(ctx: MemberContext, query: SupervisionDashboardQuery): Promise<SupervisionDashboard> {
    requireAction(ctx, 'case.supervise');
    const scopeName = query.scope ?? (ctx.subject.role === 'supervisor' ? 'team' : 'all');
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      const today = todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
      const periodStart = `${today.slice(0, 8)}01`;
      const previousPeriodStart = addMonths(periodStart, -1);
      const conditions: SQL[] = [readableCases(ctx)];
      if (query.programId) {
        conditions.push(eq(cases.programId, query.programId));
      }
      if (scopeName === 'team') {
        conditions.push(eq(cases.supervisorId, ctx.subject.userId));
      }
      const scope = and(...conditions)!;
      const overview = await repo.caseOverview(tx, ctx.subject.orgId, scope, { today, periodStart, previousPeriodStart });
      return { asOf: today, scope: scopeName, periodStart, ...overview };
    });
  }
}
