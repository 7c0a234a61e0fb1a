import { randomUUID } from 'node:crypto';
import {
  addDays,
  type CaseReviewChecklist,
  type CaseReviewChecklistQuery,
  type CaseReviewList,
  type CaseReviewListQuery,
  type CaseReviewResponse,
  type CreateCaseReviewRequest,
  effectiveCaseSettings,
  REVIEW_FINDING_DUE_DAYS,
  REVIEW_MESSAGES,
  reviewItemLabel,
  todayIn,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { ReviewItemJson } from '../../platform/db/schema.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { auditCase, caseForRead, readableCases, recordCaseEvent } from '../cases/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

function view({ review, caseReference, reviewerName }: repo.ReviewWithNames): CaseReviewResponse {
  return {
    id: review.id,
    caseId: review.caseId,
    caseReference,
    reviewerId: review.reviewerId,
    reviewerName,
    reviewedOn: review.reviewedOn,
    items: review.items.map((item) => ({ item: item.item, result: item.result, finding: item.finding ?? null, taskId: item.taskId ?? null })),
    summary: review.summary,
    findings: review.items.filter((item) => item.result === 'not_met').length,
    createdAt: review.createdAt.toISOString(),
  };
}

/**
 * Case file reviews (seed 003's documentation chain, or the program's own checklist). A review
 * reads the case — closed cases are reviewed too — and every item not met becomes a task for the
 * case's primary case manager, in the same transaction as the review, its case event and audit.
 */
export class ReviewService {
  constructor(private readonly deps: AppDeps) {}

  async checklist(ctx: MemberContext, query: CaseReviewChecklistQuery): Promise<CaseReviewChecklist> {
    requireAction(ctx, 'case.supervise');
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      const kase = query.caseId ? await caseForRead(tx, ctx, query.caseId) : await repo.findReadableCaseByReference(tx, readableCases(ctx), query.reference!);
      if (!kase) {
        throw notFound('Case not found');
      }
      const settings = effectiveCaseSettings(await repo.programCaseSettings(tx, ctx.subject.orgId, kase.programId));
      return { caseId: kase.id, caseReference: kase.reference, items: settings.reviewChecklist };
    });
  }

  async record(ctx: MemberContext, input: CreateCaseReviewRequest): Promise<CaseReviewResponse> {
    requireAction(ctx, 'case.supervise');
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      const kase = await caseForRead(tx, ctx, input.caseId);
      const today = todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
      if (input.reviewedOn > today) {
        throw badRequest(REVIEW_MESSAGES.futureReview, { reviewedOn: REVIEW_MESSAGES.futureReview });
      }
      const checklist = effectiveCaseSettings(await repo.programCaseSettings(tx, ctx.subject.orgId, kase.programId)).reviewChecklist;
      const fields: Record<string, string> = {};
      const seen = new Set<string>();
      input.items.forEach((entry, index) => {
        if (!checklist.includes(entry.item)) {
          fields[`items.${index}.item`] = REVIEW_MESSAGES.unknownItem;
        } else if (seen.has(entry.item)) {
          fields[`items.${index}.item`] = REVIEW_MESSAGES.itemTwice;
        }
        seen.add(entry.item);
        if (entry.dueOn && entry.dueOn < input.reviewedOn) {
          fields[`items.${index}.dueOn`] = REVIEW_MESSAGES.dueBeforeReview;
        }
      });
      const missing = checklist.filter((item) => !seen.has(item));
      if (missing.length > 0 && Object.keys(fields).length === 0) {
        fields.items = `${REVIEW_MESSAGES.itemMissing}: ${missing.map(reviewItemLabel).join(', ')}`;
      }
      const first = Object.values(fields)[0];
      if (first) {
        throw badRequest(first, fields);
      }

      const reviewId = randomUUID();
      const items: ReviewItemJson[] = [];
      for (const entry of input.items) {
        const item: ReviewItemJson = { item: entry.item, result: entry.result };
        if (entry.finding) {
          item.finding = entry.finding;
        }
        if (entry.result === 'not_met') {
          item.taskId = await repo.insertFindingTask(tx, {
            orgId: ctx.subject.orgId,
            caseId: kase.id,
            title: `Review finding: ${reviewItemLabel(entry.item)}`,
            detail: entry.finding ?? null,
            dueOn: entry.dueOn ?? addDays(input.reviewedOn, REVIEW_FINDING_DUE_DAYS),
            assignedTo: kase.primaryCaseManagerId,
            assignedBy: ctx.subject.userId,
            source: 'review_finding',
            sourceKey: `review:${reviewId}:${entry.item}`,
          });
        }
        items.push(item);
      }
      const review = await repo.insertReview(tx, {
        orgId: ctx.subject.orgId,
        id: reviewId,
        caseId: kase.id,
        reviewerId: ctx.subject.userId,
        reviewedOn: input.reviewedOn,
        items,
        summary: input.summary || null,
      });
      const findings = items.filter((item) => item.result === 'not_met');
      await recordCaseEvent(tx, ctx, kase.id, 'review_recorded', { reviewId, findings: findings.length });
      // Findings are narrative about the client's file: the audit keeps the results and task ids only.
      await auditCase(
        tx,
        ctx,
        'review.recorded',
        { type: 'case_review', id: reviewId },
        {
          after: {
            caseId: kase.id,
            reviewedOn: input.reviewedOn,
            items: items.map((item) => ({ item: item.item, result: item.result, taskId: item.taskId ?? null })),
            tasksAssignedTo: findings.length > 0 ? kase.primaryCaseManagerId : null,
          },
        },
      );
      return view({ review, caseReference: kase.reference, reviewerName: ctx.user.displayName });
    });
  }

  async list(ctx: MemberContext, query: CaseReviewListQuery): Promise<CaseReviewList> {
    requireAction(ctx, 'case.read');
    let after: repo.ReviewCursor | undefined;
    if (query.cursor) {
      const [reviewedOn, createdAt, id] = decodeCursor(query.cursor, 3) as [string, string, string];
      after = { reviewedOn, createdAt: new Date(createdAt), id };
      if (Number.isNaN(after.createdAt.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(reviewedOn)) {
        throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
      }
    }
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      if (query.caseId) {
        // A case the caller may not read answers as one that does not exist.
        await caseForRead(tx, ctx, query.caseId);
      }
      const rows = await repo.listReviews(tx, readableCases(ctx), { caseId: query.caseId, reviewerId: query.reviewerId, after, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(view),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor([last.review.reviewedOn, last.review.createdAt.toISOString(), last.review.id]) : null,
      };
    });
  }

  async get(ctx: MemberContext, id: string): Promise<CaseReviewResponse> {
    requireAction(ctx, 'case.read');
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      const [row] = await repo.listReviews(tx, readableCases(ctx), { id, limit: 1 });
      if (!row) {
        throw notFound('Review not found');
      }
      return view(row);
    });
  }
}
