import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadResult } from './load';

/** One line of the table. */
export interface Row {
  /** Stable key, e.g. "2-list-100k". */
  key: string;
  scenario: string;
  result: LoadResult;
  notes: string[];
}

export interface Target {
  name: string;
  goal: string;
  /** The measured ratio, or null when a scenario it needs was not run. */
  ratio: number | null;
  met: boolean | null;
}

/** a / b, or null when either run is missing or completed no request (its numbers are 0). */
const ratio = (a?: number, b?: number, runs: (LoadResult | undefined)[] = []) =>
  a !== undefined && b && runs.every((r) => r && r.requests > 0) ? a / b : null;

/** The issue's four targets, from whichever rows this run produced. */
export function evaluateTargets(rows: Row[]): Target[] {
  const get = (key: string) => rows.find((r) => r.key === key)?.result;
  const create = get('1-create');
  const baseline = get('7-baseline');
  const small = get('2-list-1k');
  const large = get('2-list-100k');
  const storm = get('5-storm-list');
  const quiet = get('5-quiet-list') ?? small;
  const slow = get('6-slow-smtp');
  const t1 = ratio(create?.reqPerSec, baseline?.reqPerSec, [create, baseline]);
  const t2 = ratio(large?.p99, small?.p99, [large, small]);
  const t5 = ratio(storm?.p99, quiet?.p99, [storm, quiet]);
  const t6 = ratio(slow?.p99, create?.p99, [slow, create]);
  const reg0 = get('8-register-0');
  const reg10k = get('8-register-10k');
  const t8 = ratio(reg10k?.reqPerSec, reg0?.reqPerSec, [reg10k, reg0]);
  return [
    { name: '1: POST /leads vs baseline (req/s)', goal: '≥ 0.6×', ratio: t1, met: t1 && t1 >= 0.6 },
    { name: '2: GET /leads p99, 100k vs 1k', goal: '≤ 2×', ratio: t2, met: t2 && t2 <= 2 },
    { name: '5: GET /leads p99, storm vs quiet', goal: '≤ 2×', ratio: t5, met: t5 && t5 <= 2 },
    {
      name: '6: POST /leads p99, 2 s SMTP vs instant',
      goal: '0.8×–1.2×',
      ratio: t6,
      met: t6 && t6 >= 0.8 && t6 <= 1.2,
    },
    {
      name: '8: POST /leads req/s, 10k conflict register vs empty',
      goal: '≥ 0.9×',
      ratio: t8,
      met: t8 && t8 >= 0.9,
    },
  ].map((t) => ({ ...t, met: t.ratio === null ? null : Boolean(t.met) }));
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The table as Markdown, so it can be pasted into bench/README.md as is. */
export function renderTable(rows: Row[], targets: Target[]): string {
  const lines = [
    '| scenario | req/s | p50 ms | p99 ms | errors | notes |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${fmt(r.result.reqPerSec, 1)} | ${fmt(r.result.p50)} | ` +
        `${fmt(r.result.p99)} | ${fmt(r.result.errors)} | ${r.notes.join('; ')} |`,
    ),
    '',
    '| target | goal | measured | met |',
    '|---|---|---:|---|',
    ...targets.map(
      (t) =>
        `| ${t.name} | ${t.goal} | ${t.ratio === null ? 'n/a' : `${fmt(t.ratio, 2)}×`} | ` +
        `${t.met === null ? 'not run' : t.met ? 'yes' : '**no**'} |`,
    ),
  ];
  return lines.join('\n');
}

export function writeResults(path: string, meta: object, rows: Row[], targets: Target[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const scenarios = rows.map((r) => ({
    key: r.key,
    scenario: r.scenario,
    req_per_sec: round(r.result.reqPerSec),
    p50_ms: r.result.p50,
    p99_ms: r.result.p99,
    errors: r.result.errors,
    requests: r.result.requests,
    status_codes: r.result.statusCodes,
    notes: r.notes,
  }));
  const json = {
    ...meta,
    scenarios,
    targets: targets.map((t) => ({ ...t, ratio: t.ratio && round(t.ratio) })),
  };
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}

const round = (n: number) => Math.round(n * 100) / 100;
