import { describe, expect, it } from 'vitest';
import { AcknowledgeRequest, InboxQuery, TICKLER_MESSAGES, TicklerMineQuery, TicklerProgramQuery } from './tickler.js';

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('tickler views', () => {
  it('read kinds from a comma-separated list and refuse kinds the tickler does not know', () => {
    expect(TicklerMineQuery.parse({ kinds: 'deadline, hearing' }).kinds).toEqual(['deadline', 'hearing']);
    expect(TicklerMineQuery.safeParse({ kinds: 'deadline,birthday' }).success).toBe(false);
    expect(Object.keys(fieldsOf(TicklerMineQuery.safeParse({ kinds: 'birthday' })))[0]).toMatch(/^kinds/);
  });

  it('are bounded: 200 items at most, pending items by default, a window that ends after it starts and spans at most 400 days', () => {
    expect(TicklerMineQuery.parse({})).toEqual({ show: 'pending', limit: 200 });
    expect(TicklerMineQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(fieldsOf(TicklerMineQuery.safeParse({ from: '2026-12-01', to: '2026-11-01' }))).toEqual({ to: TICKLER_MESSAGES.windowOrder });
    expect(fieldsOf(TicklerProgramQuery.safeParse({ from: '2026-01-01', to: '2027-12-31' }))).toEqual({ to: TICKLER_MESSAGES.windowTooLong });
    expect(fieldsOf(TicklerProgramQuery.safeParse({ from: '2026-02-30' }))).toEqual({ from: 'Enter a real date as YYYY-MM-DD' });
    expect(TicklerProgramQuery.safeParse({ programId: 'not-a-uuid' }).success).toBe(false);
  });

  it('acknowledging carries the version read; the inbox pages by 50 at most', () => {
    expect(fieldsOf(AcknowledgeRequest.safeParse({}))).toHaveProperty('version');
    expect(AcknowledgeRequest.safeParse({ version: 2, note: 'x' }).success).toBe(false);
    expect(InboxQuery.parse({}).limit).toBe(20);
    expect(InboxQuery.safeParse({ limit: '51' }).success).toBe(false);
  });
});
