import { DateTime, IANAZone } from 'luxon';

/** One weekly opening: ISO weekdays (1 = Monday … 7 = Sunday) and minutes after local midnight. */
export interface Opening {
  days: number[];
  openMinute: number;
  closeMinute: number;
}

/** `always`, or the hours the firm works in (in its time zone). */
export type BusinessHours = 'always' | Opening[];

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SEGMENT = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/i;

/**
 * Parses `always` or comma-separated openings such as `Mon-Fri 09:00-17:00` or
 * `Mon-Thu 08:30-18:00, Fri 08:30-14:00` (day ranges wrap: `Sat-Sun`; closing may be 24:00).
 * Throws an Error that says what is wrong.
 */
export function parseBusinessHours(text: string): BusinessHours {
  if (text.trim().toLowerCase() === 'always') return 'always';
  const openings = text.split(',').map((segment) => parseSegment(segment.trim()));
  if (openings.length === 0) throw new Error('no opening hours');
  return openings;
}

function parseSegment(segment: string): Opening {
  const match = SEGMENT.exec(segment);
  if (!match) throw new Error(`"${segment}" is not like "Mon-Fri 09:00-17:00"`);
  const [, first, last, oh, om, ch, cm] = match;
  const from = dayIndex(first);
  const to = last ? dayIndex(last) : from;
  const days: number[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    days.push(d + 1);
    if (d === to) break;
  }
  const openMinute = minutes(oh, om);
  const closeMinute = minutes(ch, cm);
  if (openMinute >= closeMinute) throw new Error(`"${segment}" closes before it opens`);
  return { days, openMinute, closeMinute };
}

function dayIndex(name: string): number {
  const index = DAYS.indexOf(name.toLowerCase());
  if (index < 0) throw new Error(`"${name}" is not a day (Mon, Tue, … Sun)`);
  return index;
}

function minutes(hours: string, mins: string): number {
  const value = Number(hours) * 60 + Number(mins);
  if (Number(mins) > 59 || value > 24 * 60) throw new Error(`${hours}:${mins} is not a time`);
  return value;
}

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * `start` + `durationMs` counted only while the firm is open, in `zone`. Time inside an opening
 * is real elapsed time, so a window that spans a DST change is an hour shorter or longer; each
 * day's openings are placed on its local calendar, so 09:00 stays 09:00 across the change.
 */
export function addBusinessTime(
  start: Date,
  durationMs: number,
  hours: BusinessHours,
  zone: string,
): Date {
  if (hours === 'always') return new Date(start.getTime() + durationMs);
  let remaining = durationMs;
  let cursor = start.getTime();
  let day = DateTime.fromMillis(cursor, { zone }).startOf('day');
  // A year of days without any opening means the hours are empty; never loop for ever.
  for (let i = 0; i < 400 * 7; i++) {
    for (const [open, close] of windowsOn(day, hours)) {
      if (close <= cursor) continue;
      const from = Math.max(cursor, open);
      if (remaining <= close - from) return new Date(from + remaining);
      remaining -= close - from;
      cursor = close;
    }
    day = day.plus({ days: 1 });
    cursor = Math.max(cursor, day.toMillis());
  }
  throw new Error('business hours never open');
}

/** The day's openings as [open, close] epoch milliseconds, in order. */
function windowsOn(day: DateTime, hours: Opening[]): [number, number][] {
  return hours
    .filter((o) => o.days.includes(day.weekday))
    .map((o): [number, number] => [at(day, o.openMinute), at(day, o.closeMinute)])
    .sort((a, b) => a[0] - b[0]);
}

function at(day: DateTime, minute: number): number {
  if (minute === 24 * 60) return day.plus({ days: 1 }).toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
}
