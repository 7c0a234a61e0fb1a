import type { FastifyRequest } from 'fastify';
import type { Role, Subject } from '@haven/domain';
import type { AuditActor } from '../audit.js';
import type { ResolvedSession } from '../auth/session-store.js';
import { type Db, tenantTransaction } from '../db/index.js';
import { AppError, unauthenticated } from '../errors.js';

/** Who may call a route. Routes are members-only unless they say otherwise (deny by default). */
export type RouteAccess = 'public' | 'session' | 'member';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

/** A signed-in member acting in their active organization: what services receive. */
export interface MemberContext {
  subject: Subject;
  actor: AuditActor;
  user: ResolvedSession['user'];
  session: ResolvedSession;
}

export interface SessionContext {
  actor: AuditActor;
  user: ResolvedSession['user'];
  session: ResolvedSession;
}

export function actorOf(request: FastifyRequest): AuditActor {
  const agent = request.headers['user-agent'];
  return {
    userId: request.session?.user.id ?? null,
    ip: request.ip ?? null,
    userAgent: typeof agent === 'string' ? agent.slice(0, 400) : null,
  };
}

export function sessionContext(request: FastifyRequest): SessionContext {
  const session = request.session;
  if (!session) {
    throw unauthenticated();
  }
  return { actor: actorOf(request), user: session.user, session };
}

export function memberContext(request: FastifyRequest): MemberContext {
  const ctx = sessionContext(request);
  const org = ctx.session.activeOrg;
  if (!org) {
    throw new AppError(403, 'forbidden', 'Choose an organization you belong to');
  }
  const role: Role = org.role;
  return { ...ctx, subject: { userId: ctx.user.id, orgId: org.id, role } };
}

/** Runs work in the caller's organization, under row-level security (see tenantTransaction). */
export function inTenant<T>(db: Db, ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
  return tenantTransaction(db, { orgId: ctx.subject.orgId, userId: ctx.subject.userId }, work);
}
