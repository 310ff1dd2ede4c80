import { exclusiveEnd, parseIsoBound } from './iso-date';

const iso = (value: string) => parseIsoBound(value)?.at.toISOString() ?? null;

describe('parseIsoBound', () => {
  it.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31T09:30Z', '2026-01-31T09:30:00.000Z'],
    ['2026-01-31T09:30:15.25Z', '2026-01-31T09:30:15.250Z'],
    ['2026-01-31T09:30:15.123456789Z', '2026-01-31T09:30:15.123Z'],
    ['2026-01-31T09:30:00', '2026-01-31T09:30:00.000Z'],
    ['2026-01-31T09:30:00+01:00', '2026-01-31T08:30:00.000Z'],
    ['2026-01-31T23:30:00-05:30', '2026-02-01T05:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (value, instant) => {
    expect(iso(value)).toBe(instant);
  });

  it.each([
    '',
    'yesterday',
    '2026-1-31',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-31T24:00Z',
    '2026-01-31T09:60Z',
    '2026-01-31T09:30:00+25:00',
    '2026-01-31 09:30:00Z',
    '1700000000',
    '0999-12-31',
    '2026-01-31T09:30:00Zjunk',
  ])('refuses %j', (value) => {
    expect(parseIsoBound(value)).toBeNull();
  });

  it('marks a bare date as a whole day, which ends at the next midnight', () => {
    const day = parseIsoBound('2026-01-31')!;
    expect(day.wholeDay).toBe(true);
    expect(exclusiveEnd(day).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    const instant = parseIsoBound('2026-01-31T12:00:00Z')!;
    expect(instant.wholeDay).toBe(false);
    expect(exclusiveEnd(instant).toISOString()).toBe('2026-01-31T12:00:00.000Z');
  });
});
