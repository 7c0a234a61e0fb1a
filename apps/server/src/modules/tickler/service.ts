import {
  addDays,
  daysBetween,
  roleCan,
  TICKLER_MESSAGES,
  TICKLER_VIEW_KINDS,
  type AcknowledgeRequest,
  type TicklerItem,
  type TicklerList,
  type TicklerMineQuery,
  type TicklerProgramQuery,
  type TicklerViewKind,
  todayIn,
} from '@haven/domain';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { type Db, schema } from '../../platform/db/index.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { auditMatter, findReadableMatter, readableMatters, recordMatterEvent } from '../legal-matters/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import { initialsOf } from './mail-text.js';
import * as repo from './repository.js';
import { ACKNOWLEDGED_EVENT_KINDS, AUDIT_ACTIONS, OBJECT_TYPES } from './tickler.js';

/** Default window: a month back (recent and overdue work) to three months ahead. */
const DEFAULT_DAYS_BACK = 30;
const DEFAULT_DAYS_AHEAD = 90;

const HEARING_TITLES = { master: 'Master hearing', individual: 'Individual hearing' } as const;
const CHECKIN_TITLES = { ice_ero: 'ICE check-in', isap: 'ISAP check-in' } as const;

function titleOf(row: repo.TicklerRow): string {
  if (row.kind === 'hearing') {
    return `${HEARING_TITLES[row.hearingType ?? 'master']} — ${row.court ?? ''}`;
  }
  if (row.kind === 'checkin') {
    return `${CHECKIN_TITLES[row.agency ?? 'ice_ero']} — ${row.location ?? ''}`;
  }
  return row.title ?? '';
}

export function ticklerItemView(row: repo.TicklerRow, today: string): TicklerItem {
  return {
    kind: row.kind,
    id: row.id,
    matterId: row.matterId,
    matterReference: row.matterReference,
    matterType: row.matterType,
    programId: row.programId,
    client: { id: row.clientId, name: `${row.givenName} ${row.familyName}`.trim(), initials: initialsOf(row.givenName, row.familyName) },
    date: row.date,
    time: row.time,
    startsAt: row.startsAt?.toISOString() ?? null,
    title: titleOf(row),
    status: row.status,
    responsible: { id: row.responsibleId, name: row.responsibleName ?? '' },
    acknowledged: row.acknowledgedAt !== null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy ? { id: row.acknowledgedBy, name: row.acknowledgedByName ?? '' } : null,
    escalated: row.escalatedAt !== null,
    overdue: row.overdue,
    daysLeft: daysBetween(today, row.date),
    source: row.source,
    ruleId: row.ruleId,
    citation: row.citation,
    deadlineKind: row.deadlineKind,
    hearingType: row.hearingType,
    court: row.court,
    agency: row.agency,
    location: row.location,
    version: row.version,
  };
}

/**
 * The tickler's views and acknowledgement. Every list reads through `readableMatters`: a person
 * sees only items on matters they may read (a protected client's only when assigned), and the
 * program view of someone without `matter.read_all` is limited to their own matters.
 */
export class TicklerService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async list(
    tx: Db,
    ctx: MemberContext,
    query: TicklerMineQuery | TicklerProgramQuery,
    extra: { responsibleId?: string | undefined; programId?: string | undefined },
  ): Promise<TicklerList> {
    const timeZone = await organizationTimeZone(tx, ctx.subject.orgId);
    const today = todayIn(timeZone);
    const from = query.from ?? addDays(query.to ?? today, -(query.to ? DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD : DEFAULT_DAYS_BACK));
    const to = query.to ?? addDays(query.from ?? today, query.from ? DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD : DEFAULT_DAYS_AHEAD);
    const { rows, truncated } = await repo.listItems(tx, {
      orgId: ctx.subject.orgId,
      today,
      kinds: query.kinds ?? TICKLER_VIEW_KINDS,
      scope: readableMatters(ctx),
      responsibleId: extra.responsibleId,
      programId: extra.programId,
      pendingOnly: query.show === 'pending',
      from,
      to,
      limit: query.limit,
    });
    // A protected client's matter (8 USC 1367) read in a list is recorded like any other read of it.
    for (const matterId of new Set(rows.filter((row) => row.clientProtected).map((row) => row.matterId))) {
      await auditMatter(tx, ctx, 'matter.read_sensitive', { type: 'legal_matter', id: matterId }, { after: { view: 'tickler' } });
    }
    return { items: rows.map((row) => ticklerItemView(row, today)), from, to, today, truncated };
  }

  /** Items I am responsible for, on matters I may read. */
  async mine(ctx: MemberContext, query: TicklerMineQuery): Promise<TicklerList> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, (tx) => this.list(tx, ctx, query, { responsibleId: ctx.subject.userId }));
  }

  /** Items on the matters of one program (or all), as far as the caller may read them. */
  async program(ctx: MemberContext, query: TicklerProgramQuery): Promise<TicklerList> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      if (query.programId) {
        const [program] = await tx
          .select({ id: schema.programs.id })
          .from(schema.programs)
          .where(and(eq(schema.programs.orgId, ctx.subject.orgId), eq(schema.programs.id, query.programId)))
          .limit(1);
        if (!program) {
          throw notFound('Program not found');
        }
      }
      return this.list(tx, ctx, query, { responsibleId: query.responsibleId, programId: query.programId });
    });
  }

  /**
   * "I have this": the responsible person, or anyone who works matters (`matter.manage`) and may
   * read this one, acknowledges an open deadline or a scheduled hearing or check-in. Acknowledged
   * items are not escalated for want of acknowledgement (overdue ones still are).
   */
  async acknowledge(ctx: MemberContext, kind: TicklerViewKind, itemId: string, input: AcknowledgeRequest): Promise<TicklerItem> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const item = await repo.findItemForUpdate(tx, orgId, kind, itemId);
      const matter = item ? await findReadableMatter(tx, ctx, item.matterId) : null;
      if (!item || !matter) {
        throw notFound(NOT_FOUND[kind]);
      }
      if (item.responsibleId !== userId && !roleCan(ctx.subject.role, 'matter.manage')) {
        throw forbidden(TICKLER_MESSAGES.notResponsible);
      }
      if (item.version !== input.version) {
        throw conflict(TICKLER_MESSAGES.stale, { version: TICKLER_MESSAGES.stale });
      }
      // A missed deadline may still be acknowledged: someone has the late filing or the exception in hand.
      const pending = (kind === 'deadline' ? item.status === 'open' || item.status === 'missed' : item.status === 'scheduled') && repo.ACTIVE_MATTER_STATUSES.includes(matter.status);
      if (!pending) {
        throw conflict(TICKLER_MESSAGES.notPending, { version: TICKLER_MESSAGES.notPending });
      }
      if (item.acknowledgedAt) {
        throw conflict(TICKLER_MESSAGES.alreadyAcknowledged, { version: TICKLER_MESSAGES.alreadyAcknowledged });
      }
      const at = new Date();
      if (!(await repo.acknowledgeItem(tx, orgId, kind, itemId, userId, input.version, at))) {
        throw conflict(TICKLER_MESSAGES.stale, { version: TICKLER_MESSAGES.stale });
      }
      await auditMatter(tx, ctx, kind === 'deadline' ? 'deadline.acknowledged' : AUDIT_ACTIONS[kind], { type: OBJECT_TYPES[kind], id: itemId }, {
        before: { acknowledgedAt: null },
        after: { matterId: matter.id, acknowledgedAt: at.toISOString(), acknowledgedBy: userId },
      });
      await recordMatterEvent(tx, orgId, userId, matter.id, ACKNOWLEDGED_EVENT_KINDS[kind], { change: 'acknowledged', itemKind: kind, itemId });
      const timeZone = await organizationTimeZone(tx, orgId);
      const today = todayIn(timeZone);
      const rows = await repo.listItemsOfKind(tx, kind, {
        orgId,
        today,
        kinds: [kind],
        scope: and(readableMatters(ctx), eq(ITEM_IDS[kind], itemId)),
        pendingOnly: false,
        limit: 1,
      });
      return ticklerItemView(rows[0]!, today);
    });
  }
}

const NOT_FOUND = { deadline: 'Deadline not found', hearing: 'Hearing not found', checkin: 'Check-in not found' } as const;
const ITEM_IDS = { deadline: schema.matterDeadlines.id, hearing: schema.matterHearings.id, checkin: schema.matterCheckins.id } as const;
