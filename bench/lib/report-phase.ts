import { MAX_RANGE_DAYS } from '../../src/reports/dto/to-report-range';
import { k } from './phase-base';
import { ReadPhases } from './read-phases';
import { REPORT_SPAN_DAYS, seedReportData } from './report-seed';
import type { RequestSpec } from './scenarios';
import { login } from './service';

const DAY_MS = 24 * 3_600_000;

/**
 * Scenario 11 (issue 15): GET /reports/intake on a database of 100 000 leads spread over the last
 * year (10 000 with --quick), for the default range (the last 30 days, ~8 % of them) and for a
 * year (every lead), with the run's 10 connections (the service computes a period once per 15 s;
 * the others wait for or reuse it), and then computed afresh for every request, one at a time.
 * Unpinned, like the other reads.
 */
export abstract class ReportPhases extends ReadPhases {
  protected async reports(): Promise<void> {
    const size = this.opts.reportSeed;
    const label = `reports-${k(size)}`;
    const db = await this.store.copy(this.template!, 'reports');
    const t0 = Date.now();
    this.m.log(`seeding ${size} leads over ${REPORT_SPAN_DAYS} days for the report (bulk insert)`);
    await seedReportData(this.store, db, size);
    this.seedSeconds[label] = (Date.now() - t0) / 1000;
    this.m.log(`  ${size} leads in ${this.seedSeconds[label].toFixed(1)} s`);
    const s = await this.service(db, this.sinks.instant, label);
    const token = await login(s.baseUrl, this.settings);
    const quick = size < 100_000 ? [`--quick: ${k(size)} leads, not 100k`] : [];
    const month = await this.measureOn(
      s,
      '11-reports-30d',
      `11 GET /reports/intake, last 30 days @${k(size)}`,
      reportSpec(s.baseUrl, token, ''),
      200,
    );
    month.notes.push(`~${Math.round((30 / REPORT_SPAN_DAYS) * size)} leads in range`, ...quick);
    // Up to now, as far back as the API allows (366 days): every seeded lead is in.
    const to = new Date();
    const from = new Date(to.getTime() - MAX_RANGE_DAYS * DAY_MS + 60_000);
    const year = await this.measureOn(
      s,
      '11-reports-year',
      `11 GET /reports/intake, a year (every lead) @${k(size)}`,
      reportSpec(s.baseUrl, token, `from=${from.toISOString()}&to=${to.toISOString()}`),
      200,
    );
    year.notes.push(`${k(size)} leads in range, 3 % of them spam`, ...quick);
    // Computing it: one request at a time, each for a period one second shorter than the last,
    // so none is answered from the service's 15 s cache (SQLite answers one query at a time, so
    // with 10 connections most of a computation's latency is the queue).
    let shorter = 0;
    const fresh = reportSpec(s.baseUrl, token, '');
    const alone = await this.measureOn(
      s,
      '11-reports-year-1',
      `11 GET /reports/intake, a year @${k(size)}, 1 connection, never cached`,
      {
        ...fresh,
        next: () => {
          const end = new Date(to.getTime() - (shorter += 1) * 1000);
          return {
            path: `/reports/intake?from=${from.toISOString()}&to=${end.toISOString()}`,
          };
        },
      },
      200,
      1,
    );
    alone.notes.push('one request at a time, each a new period: the time to compute it', ...quick);
    await this.stop(s);
  }
}

function reportSpec(baseUrl: string, token: string, query: string): RequestSpec {
  return {
    url: `${baseUrl}/reports/intake${query ? `?${query}` : ''}`,
    headers: { authorization: `Bearer ${token}` },
  };
}
