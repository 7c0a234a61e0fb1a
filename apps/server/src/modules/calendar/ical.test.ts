import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from './ical.js';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT values', () => {
    expect(escapeText('a\\b; c, d\ne\r\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:A.H. · Affirmative asylum · Master hearing')).toBe('SUMMARY:A.H. · Affirmative asylum · Master hearing');
  });

  it('folds at 75 octets, the continuation starting with a space, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(3);
    expect(octets(parts[0]!)).toBe(75);
    for (const part of parts.slice(1)) {
      expect(part.startsWith(' ')).toBe(true);
      expect(octets(part)).toBeLessThanOrEqual(75);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('never cuts an Arabic (two-octet) or emoji (four-octet) character in half', () => {
    const arabic = 'SUMMARY:م.ع. · لجوء إيجابي · الموعد النهائي: تقديم طلب اللجوء خلال سنة واحدة من الوصول إلى الولايات المتحدة';
    const emoji = `SUMMARY:${'🗓️⚖️'.repeat(30)}`;
    for (const line of [arabic, emoji]) {
      const folded = foldLine(line);
      const parts = folded.split('\r\n');
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) {
        expect(octets(part)).toBeLessThanOrEqual(75);
        // Each physical line is valid UTF-8 on its own: decoding and re-encoding changes nothing.
        const bytes = Buffer.from(part, 'utf8');
        expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(part);
      }
      expect(folded.replace(/\r\n /g, '')).toBe(line);
    }
  });

  it('writes a calendar that an independent parser reads back: CRLF only, folded, escaped, all-day and timed', () => {
    const title = 'م.ع. · Defensive asylum · Deadline: تقديم طلب اللجوء، خلال سنة; مع "الأدلة"\\ والمرفقات — '.repeat(2);
    const text = writeCalendar({
      prodId: '-//Haven//Test//EN',
      name: 'Haven — Lina, attorney',
      refreshInterval: 'PT1H',
      stamp: new Date('2026-01-10T12:00:00Z'),
      events: [
        {
          uid: 'deadline-1@haven',
          start: { date: '2026-02-28' },
          end: { date: '2026-03-01' },
          summary: title,
          description: 'Matter M-2026-0001\nCitation: 8 USC 1158(a)(2)(B)',
          status: 'CONFIRMED',
        },
        {
          uid: 'hearing-2@haven',
          start: new Date('2026-01-12T15:00:00Z'),
          end: new Date('2026-01-12T17:00:00Z'),
          summary: 'A.H. · Affirmative asylum · Master hearing',
          location: 'Chicago Immigration Court, 525 W Van Buren St, Room 500',
          status: 'CANCELLED',
          sequence: 2,
          alarm: { trigger: '-P1D', description: 'Tomorrow' },
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) {
      expect(octets(line)).toBeLessThanOrEqual(75);
    }

    const calendar = new ICAL.Component(ICAL.parse(text));
    // X- properties are TEXT (RFC 5545 3.8.8.2) and escaped as such; ical.js keeps them raw.
    expect(text).toContain('X-WR-CALNAME:Haven — Lina\\, attorney\r\n');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const [deadline, hearing] = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(deadline!.summary).toBe(title);
    expect(deadline!.description).toBe('Matter M-2026-0001\nCitation: 8 USC 1158(a)(2)(B)');
    expect(deadline!.startDate.isDate).toBe(true);
    expect(deadline!.startDate.toString()).toBe('2026-02-28');
    expect(deadline!.endDate.toString()).toBe('2026-03-01');
    expect(hearing!.startDate.toJSDate().toISOString()).toBe('2026-01-12T15:00:00.000Z');
    expect(hearing!.endDate.toJSDate().toISOString()).toBe('2026-01-12T17:00:00.000Z');
    expect(hearing!.location).toBe('Chicago Immigration Court, 525 W Van Buren St, Room 500');
    expect(hearing!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(hearing!.sequence).toBe(2);
    const alarm = hearing!.component.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-P1D');
  });
});
