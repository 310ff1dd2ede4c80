import { describeFailures, runLoad, type LoadResult, type LoadSpec } from './load';
import type { BenchOptions } from './options';
import { sleep } from './processes';
import type { Row } from './report';
import { SEARCH_TERMS } from './seed-data';

const DRAIN_MAX_MS = 5_000;

/** What to send; how long and over how many connections is the Measurer's business. */
export type RequestSpec = Omit<LoadSpec, 'seconds' | 'connections'>;
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Scenario 1/6/7: JSON submits, every one with a new email address. */
export function createLeadSpec(
  baseUrl: string,
  tag: string,
  extra: Record<string, string> = {},
): RequestSpec {
  let n = 0;
  return {
    url: `${baseUrl}/leads`,
    method: 'POST',
    headers: JSON_HEADERS,
    next: () => {
      n += 1;
      return {
        body: JSON.stringify({
          first_name: 'Ada',
          last_name: 'Lovelace',
          email: `Bench.${tag}.${n}@Example.com`,
          resume: `https://files.example.com/cv/${tag}-${n}.pdf`,
          ...extra,
        }),
      };
    },
  };
}

/** Scenario 2/5: the staff dashboard's first page. */
export function listSpec(baseUrl: string, token: string): RequestSpec {
  return {
    url: `${baseUrl}/leads?limit=50`,
    headers: { authorization: `Bearer ${token}` },
  };
}

/** Scenario 3: a search box, cycling through surnames (each ~2 % of the seeded leads). */
export function searchSpec(baseUrl: string, token: string): RequestSpec {
  let n = 0;
  return {
    url: `${baseUrl}/leads`,
    headers: { authorization: `Bearer ${token}` },
    next: () => ({ path: `/leads?q=${SEARCH_TERMS[n++ % SEARCH_TERMS.length]}` }),
  };
}

/**
 * Scenario 4: PENDING → REACHED_OUT, each request on another lead. A large prime stride spreads
 * consecutive requests over the whole table instead of walking neighbouring rows.
 */
export function updateSpec(
  baseUrl: string,
  token: string,
  ids: string[],
): RequestSpec & { touched: () => number } {
  const STRIDE = 7_919;
  let n = 0;
  return {
    url: `${baseUrl}/leads`,
    method: 'PUT',
    headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
    body: JSON.stringify({ state: 'REACHED_OUT' }),
    next: () => ({ path: `/leads/${ids[(n++ * STRIDE) % ids.length]}` }),
    touched: () => n,
  };
}

/** Scenario 5: the OAuth2 password grant (one bcrypt compare per request). */
export function loginSpec(baseUrl: string, form: string): RequestSpec {
  return {
    url: `${baseUrl}/auth/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  };
}

/** Warm-up, a one-request sanity check, then the measured run(s), all in parallel when several. */
export class Measurer {
  readonly rows: Row[] = [];
  private readonly started = Date.now();

  constructor(private readonly opts: BenchOptions) {}

  log(message: string): void {
    const t = ((Date.now() - this.started) / 1000).toFixed(1).padStart(6);
    console.error(`[${t}s] ${message}`);
  }

  /** `connections`: this load's own, instead of the run's (scenario 11's one-client row). */
  async measure(
    key: string,
    scenario: string,
    spec: RequestSpec,
    expectStatus: number,
    connections?: number,
  ): Promise<Row> {
    const [result] = await this.measureTogether([{ spec, expectStatus, connections }], scenario);
    return this.add(key, scenario, result);
  }

  /** Runs several loads at once (the login storm); returns their results in order. */
  async measureTogether(
    loads: { spec: RequestSpec; expectStatus: number; connections?: number }[],
    what: string,
  ): Promise<LoadResult[]> {
    for (const { spec, expectStatus } of loads) await preflight(spec, expectStatus);
    const seconds = (n: number) =>
      loads.map(({ spec, connections }) =>
        runLoad({ ...spec, connections: connections ?? this.opts.connections, seconds: n }),
      );
    this.log(`${what}: ${this.opts.warmupSeconds} s warm-up, ${this.opts.durationSeconds} s load`);
    const warm = await Promise.all(seconds(this.opts.warmupSeconds));
    // Requests cut off at the end of the warm-up are still being served (a queue of bcrypt
    // hashes takes seconds); let them finish so they do not count against the measured run.
    await sleep(Math.min(DRAIN_MAX_MS, Math.max(...warm.map((r) => r.max))));
    return Promise.all(seconds(this.opts.durationSeconds));
  }

  add(key: string, scenario: string, result: LoadResult, notes: string[] = []): Row {
    const failures = describeFailures(result);
    const row = { key, scenario, result, notes: failures ? [...notes, failures] : notes };
    this.rows.push(row);
    this.log(
      `  ${result.reqPerSec.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
        `${result.errors} errors`,
    );
    return row;
  }
}

/** One request outside the measurement: a wrong setup fails loudly instead of timing 4xx. */
async function preflight(spec: RequestSpec, expectStatus: number): Promise<void> {
  const step = spec.next?.() ?? {};
  const url = step.path ? new URL(step.path, spec.url).toString() : spec.url;
  const res = await fetch(url, {
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: step.body ?? spec.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== expectStatus) {
    throw new Error(
      `${spec.method ?? 'GET'} ${url} answered ${res.status}, expected ${expectStatus}: ${text}`,
    );
  }
}
