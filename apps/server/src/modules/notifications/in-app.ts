import { type Db, schema } from '../../platform/db/index.js';

export interface InAppNotification {
  orgId: string;
  userId: string;
  /** A code the web app translates ("deadline_reminder", "escalation", "credential_renewal"…). */
  kind: string;
  /** Codes, dates, initials and references only: never a client's full name or narrative. */
  data?: Record<string, unknown>;
  /** Where it leads in the app ("/matters/…"). */
  link?: string;
}

/** Adds in-app notifications in the caller's transaction (shown under the bell in the header). */
export async function notifyInApp(tx: Db, notes: readonly InAppNotification[]): Promise<void> {
  if (notes.length === 0) {
    return;
  }
  await tx.insert(schema.notifications).values(notes.map((note) => ({ orgId: note.orgId, userId: note.userId, kind: note.kind, data: note.data ?? {}, link: note.link ?? null })));
}
