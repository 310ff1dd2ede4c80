import type { LeadState } from '../leads/lead-state';

/** The range a report covers: received at or after `from`, before `to`. */
export interface ReportRange {
  from: Date;
  to: Date;
}

/** One attorney's leads in the range (they are its assignee). */
export interface AttorneyFigures {
  user: { id: string; email: string; name: string };
  assigned: number;
  reachedOut: number;
  retained: number;
  medianMinutes: number | null;
  overdue: number;
}

export interface SourceFigures {
  source: string;
  total: number;
  retained: number;
  conversionRate: number | null;
}

/** GET /reports/intake, as the service computes it (the DTO maps it to the wire). */
export interface IntakeReport extends ReportRange {
  total: number;
  byState: Record<LeadState, number>;
  bySource: SourceFigures[];
  conversionRate: number | null;
  timeToFirstContact: { medianMinutes: number | null; p90Minutes: number | null };
  perAttorney: AttorneyFigures[];
  reminders: number;
  escalations: number;
  weekly: { weekStart: string; source: string; total: number }[];
}

/** Retained ÷ decided (retained + declined), to four places; null while nothing is decided. */
export function conversionRate(retained: number, declined: number): number | null {
  const decided = retained + declined;
  return decided === 0 ? null : Math.round((retained / decided) * 10_000) / 10_000;
}

/** Milliseconds (as the database answers them: a number or numeric text) → minutes, to 0.1. */
export function toMinutes(ms: unknown): number | null {
  if (ms === null || ms === undefined) return null;
  return Math.round(Number(ms) / 6_000) / 10;
}
