const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A parsed ISO-8601 bound: the instant it names, and whether it was a bare date (a whole day). */
export interface IsoBound {
  at: Date;
  wholeDay: boolean;
}

/**
 * Parses an ISO-8601 date (`2026-01-31`, the day starting at midnight UTC) or date-time
 * (`2026-01-31T09:30:00Z`, `…+01:00`; without an offset it is UTC, as every time in the API is).
 * Null for anything else, including dates that do not exist (`2026-02-30`, `T24:00`).
 */
export function parseIsoBound(value: string): IsoBound | null {
  const date = DATE.exec(value);
  const time = date ? null : DATE_TIME.exec(value);
  const parts = date ?? time;
  if (!parts) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts
    .slice(1, 7)
    .map((p) => Number(p ?? 0));
  const ms = Number(((time?.[7] ?? '') + '000').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, ms);
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null; // 2026-02-30
  const offset = time?.[8]?.toUpperCase() ?? 'Z';
  if (offset !== 'Z') {
    const [h, m] = offset.slice(1).split(':').map(Number);
    if (h > 23 || m > 59) return null;
    const sign = offset.startsWith('-') ? -1 : 1;
    at.setTime(at.getTime() - sign * (h * 60 + m) * 60_000);
  }
  if (year < 1000) return null; // nothing was received then; keeps dates four-digit everywhere
  return { at, wholeDay: !!date };
}

/** The first instant after a `to` bound: the next midnight for a bare date, else the instant itself. */
export function exclusiveEnd(bound: IsoBound): Date {
  return bound.wholeDay ? new Date(bound.at.getTime() + DAY_MS) : bound.at;
}
