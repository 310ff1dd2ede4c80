import { Injectable } from '@nestjs/common';
import { TtlCache } from '../common/ttl-cache';
import { Dialect } from '../database/dialect';
import { ReadDatabase } from '../database/read-database';
import { LEAD_STATES, type LeadState } from '../leads/lead-state';
import { UNKNOWN_SOURCE } from '../leads/source/lead-source';
import type { NotificationKind } from '../mail/notification-kinds';
import {
  conversionRate,
  toMinutes,
  type AttorneyFigures,
  type IntakeReport,
  type ReportRange,
  type SourceFigures,
} from './intake-report';

/** How long a computed report is reused for the same period (see report()). */
const REPORT_TTL_MS = 15_000;
const REMINDER: NotificationKind = 'follow-up-reminder';
const ESCALATION: NotificationKind = 'follow-up-escalation';

/** One cell of the report's counts: leads of one source, state and assignee. */
interface CellRow {
  source: string;
  state: LeadState;
  assignee: string | null;
  email: string | null;
  name: string | null;
  n: number | string;
  contacted: number | string;
  overdue: number | string;
}

interface PercentileRow {
  /** An assignee, UNASSIGNED, or null: every contacted lead. */
  grp: string | null;
  p50: number | string | null;
  p90: number | string | null;
}

/**
 * GET /reports/intake: every figure is aggregated by the database (GROUP BY, percentiles),
 * over the leads received in the range, spam left out, erased leads in (they keep state, dates
 * and assignee). Four queries, each a pass over the range in idx_leads_report: the counts by
 * source, state and assignee (which the service sums up each way), the weekly counts, the
 * time-to-first-contact percentiles, and the follow-up messages.
 */
@Injectable()
export class IntakeReportService {
  private readonly cache = new TtlCache<IntakeReport>(REPORT_TTL_MS, 100);

  constructor(
    private readonly reads: ReadDatabase,
    private readonly dialect: Dialect,
  ) {}

  /**
   * The report of a period, computed at most once per REPORT_TTL_MS: many staff opening the
   * Reports view at once (or reloading it) cost one computation, whose figures are then at most
   * that old. Requests for the same period meanwhile wait for the same computation. `asked` is
   * the period as the client gave it (`from`/`to`, either left out).
   */
  report(range: ReportRange, asked: string): Promise<IntakeReport> {
    // Keyed by the question as asked: "the last 30 days" is the same question a moment later.
    return this.cache.get(asked, () => this.compute(range, new Date()));
  }

  private async compute(range: ReportRange, now: Date): Promise<IntakeReport> {
    // In parallel on PostgreSQL's pool; SQLite's read connection takes them in turn.
    const [cells, weeks, percentiles, followUps] = await Promise.all([
      this.cells(range, now),
      this.weeks(range),
      this.percentiles(range),
      this.followUps(range),
    ]);

    const byState = Object.fromEntries(LEAD_STATES.map((s) => [s, 0])) as Record<LeadState, number>;
    const sources = new Map<string, { total: number; retained: number; declined: number }>();
    const attorneys = new Map<string, AttorneyFigures>();
    for (const row of cells) {
      const n = Number(row.n);
      byState[row.state] += n;
      const source = sources.get(row.source) ?? { total: 0, retained: 0, declined: 0 };
      source.total += n;
      if (row.state === 'RETAINED') source.retained += n;
      if (row.state === 'DECLINED') source.declined += n;
      sources.set(row.source, source);
      if (row.assignee) {
        const figures = attorneys.get(row.assignee) ?? {
          user: { id: row.assignee, email: row.email ?? '', name: row.name ?? '' },
          assigned: 0,
          reachedOut: 0,
          retained: 0,
          medianMinutes: toMinutes(percentiles.get(row.assignee)?.p50),
          overdue: 0,
        };
        figures.assigned += n;
        figures.reachedOut += Number(row.contacted);
        figures.overdue += Number(row.overdue);
        if (row.state === 'RETAINED') figures.retained += n;
        attorneys.set(row.assignee, figures);
      }
    }
    const bySource: SourceFigures[] = [...sources]
      .map(([source, s]) => ({
        source,
        total: s.total,
        retained: s.retained,
        conversionRate: conversionRate(s.retained, s.declined),
      }))
      .sort((a, b) => b.total - a.total || byCodePoint(a.source, b.source));
    const overall = percentiles.get(ALL);
    return {
      ...range,
      total: LEAD_STATES.reduce((sum, s) => sum + byState[s], 0),
      byState,
      bySource,
      conversionRate: conversionRate(byState.RETAINED, byState.DECLINED),
      timeToFirstContact: {
        medianMinutes: toMinutes(overall?.p50),
        p90Minutes: toMinutes(overall?.p90),
      },
      perAttorney: [...attorneys.values()].sort(
        (a, b) => a.user.name.localeCompare(b.user.name) || a.user.id.localeCompare(b.user.id),
      ),
      reminders: followUps.get(REMINDER) ?? 0,
      escalations: followUps.get(ESCALATION) ?? 0,
      // Sorted here, by code point: the databases' collations would order sources differently.
      weekly: weeks
        .map((w) => ({ weekStart: w.week, source: w.source, total: Number(w.n) }))
        .sort((a, b) => byCodePoint(a.weekStart, b.weekStart) || byCodePoint(a.source, b.source)),
    };
  }

  /** The counts by source, state and assignee (a few hundred rows at most), named after. */
  private cells(range: ReportRange, now: Date): Promise<CellRow[]> {
    return this.query<CellRow>(
      `SELECT c.*, u.email AS email, u.name AS name FROM (
         SELECT ${SOURCE} AS source, l.state AS state, l.assigned_to_id AS assignee,
                COUNT(*) AS n,
                SUM(CASE WHEN l.reached_out_at IS NOT NULL THEN 1 ELSE 0 END) AS contacted,
                SUM(CASE WHEN l.state = 'PENDING' AND l.follow_up_due_at <= :now
                         THEN 1 ELSE 0 END) AS overdue
           FROM leads l WHERE ${IN_RANGE}
          GROUP BY ${SOURCE}, l.state, l.assigned_to_id
       ) c LEFT JOIN users u ON u.id = c.assignee`,
      { ...range, now },
    );
  }

  /** Leads per week (Monday, UTC) and source, oldest first. */
  private weeks(range: ReportRange): Promise<{ week: string; source: string; n: number }[]> {
    const week = this.dialect.weekStart('l.created_at');
    return this.query(
      `SELECT ${week} AS week, ${SOURCE} AS source, COUNT(*) AS n
         FROM leads l WHERE ${IN_RANGE}
        GROUP BY ${week}, ${SOURCE}`,
      { ...range },
    );
  }

  /** Median and p90 time to first contact, over all contacted leads and per assignee. */
  private async percentiles(range: ReportRange): Promise<Map<string, PercentileRow>> {
    const ms = this.dialect.millisecondsBetween('l.created_at', 'l.reached_out_at');
    const rows = await this.query<PercentileRow>(
      this.dialect.percentiles(
        `SELECT COALESCE(l.assigned_to_id, '${UNASSIGNED}') AS grp, ${ms} AS v
           FROM leads l WHERE ${IN_RANGE} AND l.reached_out_at IS NOT NULL`,
      ),
      { ...range },
    );
    return new Map(rows.map((r) => [r.grp ?? ALL, r]));
  }

  /** Leads in the range that got a reminder / an escalation planned (one each at most). */
  private async followUps(range: ReportRange): Promise<Map<string, number>> {
    const rows = await this.query<{ kind: string; n: number | string }>(
      `SELECT n.kind AS kind, COUNT(DISTINCT n.lead_id) AS n
         FROM notifications n JOIN leads l ON l.id = n.lead_id
        WHERE n.kind IN (:reminder, :escalation) AND ${IN_RANGE}
        GROUP BY n.kind`,
      { ...range, reminder: REMINDER, escalation: ESCALATION },
    );
    return new Map(rows.map((r) => [r.kind, Number(r.n)]));
  }

  /**
   * Named parameters, written for either driver (Dates as it stores them). On the read
   * connection: on SQLite a report never holds up the writes (see ReadDatabase).
   */
  private query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const reader = this.reads.manager;
    const [text, values] = reader.connection.driver.escapeQueryWithParameters(
      sql,
      { ...params, notSpam: false },
      {},
    );
    return reader.query<T[]>(text, values);
  }
}

/** Percentile groups besides assignees (UUIDs, never these): every lead, and nobody's. */
const ALL = '*';
const UNASSIGNED = '-';
const IN_RANGE = 'l.spam = :notSpam AND l.created_at >= :from AND l.created_at < :to';
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const SOURCE = `COALESCE(l.source_key, '${UNKNOWN_SOURCE}')`;
