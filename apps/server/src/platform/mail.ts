import { and, eq, lt } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, schema, systemTransaction } from './db/index.js';

export interface MailMessage {
  orgId: string;
  to: string;
  subject: string;
  text: string;
}

const MAX_ATTEMPTS = 5;

/**
 * Every message is written to the outbox in the caller's transaction, so a mail exists exactly
 * when the change that caused it commits. Without SMTP the outbox is where an admin reads it
 * ('stored'); with SMTP, delivery runs after commit and retries, and a delivered message's body is
 * blanked because it may carry a one-time link.
 */
export class Mailer {
  private readonly transport: Transporter | null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    smtpUrl: string | null,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  get delivers(): boolean {
    return this.transport !== null;
  }

  async enqueue(tx: Db, message: MailMessage): Promise<void> {
    await tx.insert(schema.outbox).values({
      orgId: message.orgId,
      toAddress: message.to,
      subject: message.subject,
      body: message.text,
      status: this.transport ? 'queued' : 'stored',
    });
  }

  /** Starts delivery of queued mail after a commit; never throws into the request. */
  kick(): void {
    if (!this.transport) {
      return;
    }
    this.flushing ??= this.flush()
      .catch((err: unknown) => this.log.error({ err: errorSummary(err) }, 'mail delivery pass failed'))
      .finally(() => {
        this.flushing = null;
      });
  }

  async flush(): Promise<void> {
    const transport = this.transport;
    if (!transport) {
      return;
    }
    const pending = await systemTransaction(this.db, (tx) =>
      tx
        .select()
        .from(schema.outbox)
        .where(and(eq(schema.outbox.status, 'queued'), lt(schema.outbox.attempts, MAX_ATTEMPTS)))
        .orderBy(schema.outbox.createdAt)
        .limit(50),
    );
    for (const message of pending) {
      const key = and(eq(schema.outbox.orgId, message.orgId), eq(schema.outbox.id, message.id));
      try {
        await transport.sendMail({ from: this.from, to: message.toAddress, subject: message.subject, text: message.body });
        await systemTransaction(this.db, (tx) =>
          tx
            .update(schema.outbox)
            .set({ status: 'sent', sentAt: new Date(), body: '', attempts: message.attempts + 1, lastError: null })
            .where(key),
        );
      } catch (err) {
        const attempts = message.attempts + 1;
        await systemTransaction(this.db, (tx) =>
          tx
            .update(schema.outbox)
            .set({ attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', lastError: errorSummary(err).message })
            .where(key),
        );
      }
    }
  }

  /** Waits for an in-flight delivery pass (tests and shutdown). */
  async idle(): Promise<void> {
    await this.flushing;
  }

  close(): void {
    this.transport?.close();
  }
}


/** An error reduced to what is safe to log: no query parameters, no addresses. */
export function errorSummary(err: unknown): { name: string; message: string; code?: string } {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: string } }).cause;
    const code = (err as { code?: string }).code ?? cause?.code;
    const message = err.message.startsWith('Failed query') ? 'database query failed' : err.message.split('\n')[0]!;
    return code ? { name: err.name, message: message.slice(0, 200), code } : { name: err.name, message: message.slice(0, 200) };
  }
  return { name: 'Unknown', message: 'non-error thrown' };
}
