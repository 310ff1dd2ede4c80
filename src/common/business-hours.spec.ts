import { DateTime } from 'luxon';
import { addBusinessTime, isTimeZone, parseBusinessHours } from './business-hours';

const H = 3600_000;
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const inZone = (date: Date, zone: string) =>
  DateTime.fromJSDate(date, { zone }).toFormat('ccc yyyy-MM-dd HH:mm ZZZZ');

describe('parseBusinessHours', () => {
  it('reads always and the default', () => {
    expect(parseBusinessHours('always')).toBe('always');
    expect(parseBusinessHours('Mon-Fri 09:00-17:00')).toEqual([
      { days: [1, 2, 3, 4, 5], openMinute: 540, closeMinute: 1020 },
    ]);
  });

  it('reads several openings, single days, wrapping ranges and 24:00', () => {
    expect(parseBusinessHours('Mon-Thu 08:30-18:00, fri 08:30-14:00,Sat-Sun 00:00-24:00')).toEqual([
      { days: [1, 2, 3, 4], openMinute: 510, closeMinute: 1080 },
      { days: [5], openMinute: 510, closeMinute: 840 },
      { days: [6, 7], openMinute: 0, closeMinute: 1440 },
    ]);
    expect(parseBusinessHours('Sun-Mon 10:00-11:00')).toEqual([
      { days: [7, 1], openMinute: 600, closeMinute: 660 },
    ]);
  });

  it.each([
    '',
    'weekdays',
    'Mon-Fri 9-17',
    'Mon-Fri 17:00-09:00',
    'Mon-Fry 09:00-17:00',
    'Mon 09:60-10:00',
    'Mon 09:00-24:30',
  ])('refuses %j', (text) => {
    expect(() => parseBusinessHours(text)).toThrow();
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('addBusinessTime', () => {
  const office = parseBusinessHours('Mon-Fri 09:00-17:00');

  it('carries a Friday 16:30 lead with a 4 h SLA to Monday 12:30 local', () => {
    const due = addBusinessTime(local('2026-11-27T16:30', 'UTC'), 4 * H, office, 'UTC');
    expect(inZone(due, 'UTC')).toBe('Mon 2026-11-30 12:30 UTC');
  });

  it('starts the clock at opening for a lead that arrives at night or on a weekend', () => {
    const zone = 'America/New_York';
    expect(
      inZone(addBusinessTime(local('2026-11-25T06:00', zone), 4 * H, office, zone), zone),
    ).toBe('Wed 2026-11-25 13:00 EST');
    expect(
      inZone(addBusinessTime(local('2026-11-28T11:00', zone), 4 * H, office, zone), zone),
    ).toBe('Mon 2026-11-30 13:00 EST');
  });

  it('lands exactly at closing when the SLA fills the day, and spans several days', () => {
    expect(
      inZone(addBusinessTime(local('2026-11-23T09:00', 'UTC'), 8 * H, office, 'UTC'), 'UTC'),
    ).toBe('Mon 2026-11-23 17:00 UTC');
    expect(
      inZone(addBusinessTime(local('2026-11-23T09:00', 'UTC'), 20 * H, office, 'UTC'), 'UTC'),
    ).toBe('Wed 2026-11-25 13:00 UTC');
  });

  it('keeps office hours local across the spring change in Europe/Berlin', () => {
    const zone = 'Europe/Berlin';
    // Clocks go 02:00 → 03:00 on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
    const due = addBusinessTime(local('2026-03-27T16:30', zone), 4 * H, office, zone);
    expect(inZone(due, zone)).toBe('Mon 2026-03-30 12:30 GMT+2');
    expect(due.toISOString()).toBe('2026-03-30T10:30:00.000Z');
  });

  it('keeps office hours local across the autumn change in America/New_York', () => {
    const zone = 'America/New_York';
    // Clocks go 02:00 → 01:00 on Sunday 1 November 2026: Friday is EDT, Monday EST.
    const due = addBusinessTime(local('2026-10-30T16:30', zone), 4 * H, office, zone);
    expect(inZone(due, zone)).toBe('Mon 2026-11-02 12:30 EST');
    expect(due.toISOString()).toBe('2026-11-02T17:30:00.000Z');
  });

  it('counts real hours inside a window that spans the change (23 h and 25 h days)', () => {
    const allDay = parseBusinessHours('Mon-Sun 00:00-24:00');
    const berlin = 'Europe/Berlin';
    const spring = addBusinessTime(local('2026-03-28T22:00', berlin), 4 * H, allDay, berlin);
    expect(inZone(spring, berlin)).toBe('Sun 2026-03-29 03:00 GMT+2');
    const ny = 'America/New_York';
    const autumn = addBusinessTime(local('2026-10-31T23:00', ny), 4 * H, allDay, ny);
    expect(inZone(autumn, ny)).toBe('Sun 2026-11-01 02:00 EST');
    // A whole 25-hour day is 25 hours of open time.
    const day = addBusinessTime(local('2026-11-01T00:00', ny), 25 * H, allDay, ny);
    expect(inZone(day, ny)).toBe('Mon 2026-11-02 00:00 EST');
  });

  it('adds plain time when always open', () => {
    const start = new Date('2026-11-28T23:00:00Z');
    expect(addBusinessTime(start, 3000, 'always', 'Europe/Berlin').getTime()).toBe(
      start.getTime() + 3000,
    );
  });
});
