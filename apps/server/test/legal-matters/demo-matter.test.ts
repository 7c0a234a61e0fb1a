import { addDays, addYears, type MatterDeadlinesResponse, type MatterPage, rollForward, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/ops/seed-demo.js';
import { createTestApp, login } from '../support/app.js';

describe('demo legal matter', async () => {
  const t = await createTestApp();

  it('Grace (legal@) finds Selam Tesfay’s open asylum matter with the one-year deadline about two months away', async () => {
    await seedDemo(t.database.db);
    const grace = await login(t, 'legal@demo.haven.test', DEMO_PASSWORD);
    const mine = (await grace.get('/api/matters')).json<MatterPage>();
    expect(mine.items).toHaveLength(1);
    const matter = mine.items[0]!;
    expect(matter).toMatchObject({ clientName: 'Selam Tesfay', type: 'affirmative_asylum', status: 'open', programName: 'Immigration Legal Services' });
    const today = todayIn('America/New_York');
    const due = rollForward(addYears(addDays(today, -300), 1));
    expect(matter.nextDeadline?.dueOn).toBe(due);
    const deadlines = (await grace.get(`/api/matters/${matter.id}/deadlines`)).json<MatterDeadlinesResponse>();
    expect(deadlines.items.find((d) => d.ruleId === 'ASYLUM_ONE_YEAR_FILING')).toMatchObject({ status: 'open', dueOn: due, responsible: { name: 'Grace Mwangi' } });
    // The case manager has no legal matters at all.
    const karim = await login(t, 'casemanager@demo.haven.test', DEMO_PASSWORD);
    expect((await karim.get('/api/matters')).statusCode).toBe(403);
  });
});
