import {
  type ActiveClientsServedQuery,
  type ActiveClientsServedReport,
  addMonthsToMonth,
  contactRatePercentage,
  lastDayOfMonth,
  type MonthlyContactRateQuery,
  type MonthlyContactRateReport,
  monthsBetween,
  REPORT_MAX_MONTHS,
  REPORT_MESSAGES,
  type ReportFormat,
  todayIn,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { writeCsv, writeXlsx } from '../client-transfer/spreadsheet.js';
import { readableCases } from '../cases/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

/** The most rows one report lists; beyond it the report says it is truncated. */
export const REPORT_MAX_ROWS = 50_000;

export interface ReportFile {
  body: string | Buffer;
  filename: string;
}

const ACTIVE_CLIENT_COLUMNS = ['Case reference', 'Client', 'Program', 'Case manager', 'Meaningful contacts', 'Services', 'Last contact'] as const;
const RATE_COLUMNS = ['Month', 'Active clients', 'Clients with a meaningful contact or service', 'Percentage'] as const;

async function currentMonth(tx: Db, orgId: string): Promise<string> {
  return todayIn(await organizationTimeZone(tx, orgId)).slice(0, 7);
}

/**
 * Seed 004's reports: active clients served in a month, and the monthly contact rate. Only cases
 * the caller may read count (a protected client only for assigned staff). An export (CSV or XLSX)
 * is audited with its filters and row count — never names.
 */
export class ReportService {
  constructor(private readonly deps: AppDeps) {}

  async activeClientsServed(ctx: MemberContext, query: ActiveClientsServedQuery): Promise<ActiveClientsServedReport> {
    requireAction(ctx, 'report.read');
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      const month = query.month ?? addMonthsToMonth(await currentMonth(tx, ctx.subject.orgId), -1);
      const from = `${month}-01`;
      const to = lastDayOfMonth(from);
      const rows = await repo.activeClientsServed(tx, ctx.subject.orgId, readableCases(ctx), query, from, to, REPORT_MAX_ROWS + 1);
      const report: ActiveClientsServedReport = {
        month,
        from,
        to,
        truncated: rows.length > REPORT_MAX_ROWS,
        rows: rows.slice(0, REPORT_MAX_ROWS).map((row) => ({
          caseId: row.case_id,
          caseReference: row.case_reference,
          cases: JSON.parse(row.cases) as { id: string; reference: string }[],
          clientId: row.client_id,
          clientName: row.client_name,
          programName: row.program_name,
          caseManagerName: row.case_manager_name,
          contacts: Number(row.contacts),
          services: Number(row.services),
          lastContactOn: row.last_contact_on,
        })),
      };
      if (query.format !== 'json') {
        await this.auditExport(tx, ctx, 'active_clients_served', query.format, { month, programId: query.programId ?? null, caseManagerId: query.caseManagerId ?? null }, report.rows.length);
      }
      return report;
    });
  }

  async monthlyContactRate(ctx: MemberContext, query: MonthlyContactRateQuery): Promise<MonthlyContactRateReport> {
    requireAction(ctx, 'report.read');
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      const lastMonth = addMonthsToMonth(await currentMonth(tx, ctx.subject.orgId), -1);
      const to = query.to ?? (query.from && query.from > lastMonth ? query.from : lastMonth);
      const from = query.from ?? addMonthsToMonth(to, -5);
      if (to < from) {
        throw badRequest(REPORT_MESSAGES.toBeforeFrom, { to: REPORT_MESSAGES.toBeforeFrom });
      }
      if (monthsBetween(from, to) + 1 > REPORT_MAX_MONTHS) {
        throw badRequest(REPORT_MESSAGES.tooLong, { to: REPORT_MESSAGES.tooLong });
      }
      const rangeEnd = lastDayOfMonth(`${to}-01`);
      const rows = await repo.monthlyContactRate(tx, ctx.subject.orgId, readableCases(ctx), query, `${from}-01`, `${to}-01`, rangeEnd);
      const report: MonthlyContactRateReport = {
        from,
        to,
        rows: rows.map((row) => {
          const active = Number(row.active_clients);
          const served = Number(row.served_clients);
          return { month: row.month, activeClients: active, servedClients: served, percentage: contactRatePercentage(served, active) };
        }),
      };
      if (query.format !== 'json') {
        await this.auditExport(tx, ctx, 'monthly_contact_rate', query.format, { from, to, programId: query.programId ?? null, caseManagerId: query.caseManagerId ?? null }, report.rows.length);
      }
      return report;
    });
  }

  private async auditExport(tx: Db, ctx: MemberContext, report: string, format: ReportFormat, filters: Record<string, string | null>, rows: number): Promise<void> {
    await recordAudit(tx, { orgId: ctx.subject.orgId, actor: ctx.actor, action: 'report.exported', objectType: 'report', objectId: report, after: { report, format, filters, rows } });
  }

  async activeClientsServedFile(ctx: MemberContext, query: ActiveClientsServedQuery & { format: 'csv' | 'xlsx' }): Promise<ReportFile> {
    const report = await this.activeClientsServed(ctx, query);
    const rows = report.rows.map((row) => [
      row.caseReference,
      row.clientName,
      row.programName,
      row.caseManagerName,
      String(row.contacts),
      String(row.services),
      row.lastContactOn ?? '',
    ]);
    const body = query.format === 'csv' ? writeCsv(ACTIVE_CLIENT_COLUMNS, rows) : await writeXlsx('Active clients served', ACTIVE_CLIENT_COLUMNS, rows);
    return { body, filename: `haven-active-clients-served-${report.month}.${query.format}` };
  }

  async monthlyContactRateFile(ctx: MemberContext, query: MonthlyContactRateQuery & { format: 'csv' | 'xlsx' }): Promise<ReportFile> {
    const report = await this.monthlyContactRate(ctx, query);
    const rows = report.rows.map((row) => [row.month, String(row.activeClients), String(row.servedClients), row.percentage === null ? '' : row.percentage.toFixed(1)]);
    const body = query.format === 'csv' ? writeCsv(RATE_COLUMNS, rows) : await writeXlsx('Monthly contact rate', RATE_COLUMNS, rows);
    return { body, filename: `haven-monthly-contact-rate-${report.from}-${report.to}.${query.format}` };
  }
}
