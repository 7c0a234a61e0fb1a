import { describe, expect, it } from 'vitest';
import { anonymous, createTestApp } from '../support/app.js';

/*
 * Its own app (and so its own rate-limit buckets): someone guessing feed addresses from one
 * address is slowed to 60 tries a minute, while a calendar app polling hourly never notices.
 */
describe('calendar feed rate limit', async () => {
  const t = await createTestApp();

  it('the 61st feed request within a minute from one address gets 429, with the API error shape', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) {
      statuses.push((await anonymous(t, 'GET', `/api/calendar/feed/${String(i).padStart(43, 'x')}.ics`)).statusCode);
    }
    expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    const limited = await anonymous(t, 'GET', `/api/calendar/feed/${'y'.repeat(43)}.ics`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
