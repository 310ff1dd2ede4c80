import { performance } from 'node:perf_hooks';
import type { LoadResult } from './load';
import { openLoopPosts, percentile, type Submit } from './open-loop';
import { sleep } from './processes';
import type { SmtpSink } from './smtp-sink';

/** The notice whose arrival counts: the attorney's (notification-kinds.ts). */
export const NOTICE_KIND = 'attorney-notice';
/** How long after the last submit a notice may still arrive before it counts as missing. */
export const STRAGGLER_DEADLINE_MS = 30_000;

/** What one open-loop run at one rate found (scenario 9); times in ms. */
export interface SpeedToLead {
  rate: number;
  seconds: number;
  sent: number;
  /** Answers 201, each with a lead id. */
  created: number;
  /** Submits that got anything else: another status, or no answer at all. */
  failed: number;
  status_codes: Record<string, number>;
  /** Connection errors and timeouts (10 s). */
  no_answer: number;
  /** 201s whose attorney notice reached the SMTP sink before the deadline. */
  notices: number;
  missing: number;
  every_notice_arrived: boolean;
  /** From the 201 reaching the bench to the notice reaching the sink. */
  notice_p50_ms: number | null;
  notice_p99_ms: number | null;
  notice_max_ms: number | null;
  http_p50_ms: number | null;
  http_p99_ms: number | null;
  /** How late the submitter sent a request against its schedule, at worst (a busy bench). */
  send_lag_max_ms: number;
  /** From the last submit until the last notice arrived or the deadline passed. */
  drain_ms: number;
}

/** Submits at `rate`/s for `seconds`, then waits for every attorney notice (up to the deadline). */
export async function speedToLead(
  baseUrl: string,
  sink: SmtpSink,
  rate: number,
  seconds: number,
  tag: string,
): Promise<SpeedToLead> {
  const arrivals = sink.record(NOTICE_KIND);
  try {
    const submits = await openLoopPosts(`${baseUrl}/leads`, rate, seconds, (i) =>
      JSON.stringify({
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: `Speed.${tag}.${i}@Example.com`,
        resume: `https://files.example.com/cv/${tag}-${i}.pdf`,
      }),
    );
    const lastSent = Math.max(...submits.map((s) => s.sentAt));
    const ids = submits.flatMap((s) => (s.leadId ? [s.leadId] : []));
    const deadline = lastSent + STRAGGLER_DEADLINE_MS;
    while (performance.now() < deadline && ids.some((id) => !arrivals.has(id))) await sleep(50);
    return summarize(rate, seconds, submits, arrivals, lastSent);
  } finally {
    sink.stopRecording();
  }
}

function summarize(
  rate: number,
  seconds: number,
  submits: Submit[],
  arrivals: Map<string, number>,
  lastSent: number,
): SpeedToLead {
  const statusCodes: Record<string, number> = {};
  for (const s of submits) {
    if (s.status > 0) statusCodes[s.status] = (statusCodes[s.status] ?? 0) + 1;
  }
  const created = submits.filter((s) => s.leadId);
  const delays = created.flatMap((s) => {
    const at = arrivals.get(s.leadId!);
    return at === undefined ? [] : [at - s.doneAt];
  });
  const arrivedAt = created.flatMap((s) => arrivals.get(s.leadId!) ?? []);
  const ms = (n: number | null) => (n === null ? null : Math.round(n));
  const http = submits.map((s) => s.doneAt - s.sentAt);
  return {
    rate,
    seconds,
    sent: submits.length,
    created: created.length,
    failed: submits.length - created.length,
    status_codes: statusCodes,
    no_answer: submits.filter((s) => s.status === 0).length,
    notices: delays.length,
    missing: created.length - delays.length,
    every_notice_arrived: created.length > 0 && delays.length === created.length,
    notice_p50_ms: ms(percentile(delays, 50)),
    notice_p99_ms: ms(percentile(delays, 99)),
    notice_max_ms: ms(percentile(delays, 100)),
    http_p50_ms: ms(percentile(http, 50)),
    http_p99_ms: ms(percentile(http, 99)),
    send_lag_max_ms: Math.round(Math.max(...submits.map((s) => s.sentAt - s.dueAt))),
    drain_ms: Math.round(Math.max(lastSent, ...arrivedAt) - lastSent),
  };
}

/** The run as a table row: req/s = 201s per second of schedule, p50/p99 = submit→notice. */
export function asLoadResult(r: SpeedToLead): LoadResult {
  return {
    reqPerSec: r.created / r.seconds,
    p50: r.notice_p50_ms ?? 0,
    p99: r.notice_p99_ms ?? 0,
    max: r.notice_max_ms ?? 0,
    errors: r.failed,
    requests: r.sent,
    statusCodes: r.status_codes,
  };
}

/** The notes column: what the p50/p99 columns do not say. */
export function speedNotes(r: SpeedToLead): string[] {
  const notes = [
    r.every_notice_arrived
      ? `every notice arrived (${r.notices}/${r.created})`
      : `**${r.missing} of ${r.created} notices missing** ${STRAGGLER_DEADLINE_MS / 1000} s after the last submit`,
    `last notice ${(r.drain_ms / 1000).toFixed(1)} s after the last submit`,
    `HTTP p50 ${r.http_p50_ms} ms, p99 ${r.http_p99_ms} ms`,
  ];
  // A late sender means the schedule was not kept (the bench itself was starved).
  if (r.send_lag_max_ms > 100)
    notes.push(`submitter up to ${r.send_lag_max_ms} ms behind schedule`);
  return notes;
}
