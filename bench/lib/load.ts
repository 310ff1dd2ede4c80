import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  seconds: number;
  connections: number;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request, e.g. to give each one a unique email or another lead id. */
  next?: () => { path?: string; body?: string };
}

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  requests: number;
  statusCodes: Record<string, number>;
}

/** Extra time allowed past `seconds` before a run is stopped from outside. */
const STOP_GRACE_MS = 20_000;

/** One autocannon run, bounded in time even if the server stops answering. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const next = spec.next;
  return new Promise((resolve, reject) => {
    let guard: NodeJS.Timeout | undefined = undefined;
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        timeout: 10,
        method: spec.method ?? 'GET',
        headers: spec.headers,
        body: spec.body,
        requests: next ? [{ setupRequest: (request) => ({ ...request, ...next() }) }] : undefined,
      },
      (err, result) => {
        clearTimeout(guard);
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        resolve(summarize(result));
      },
    );
    guard = setTimeout(() => instance.stop(), spec.seconds * 1000 + STOP_GRACE_MS);
  });
}

function summarize(result: autocannon.Result): LoadResult {
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat?.count ?? 0;
  }
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    // Completed responses over the measured time (not the sent count, which includes in-flight).
    reqPerSec: requests / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.non2xx,
    requests,
    statusCodes,
  };
}

/** "429×12, 500×1" for the notes column; empty when every answer was 2xx. */
export function describeFailures(result: LoadResult): string {
  const bad = Object.entries(result.statusCodes).filter(([code]) => !code.startsWith('2'));
  const parts = bad.map(([code, n]) => `${code}×${n}`);
  const connErrors = result.errors - bad.reduce((a, [, n]) => a + n, 0);
  if (connErrors > 0) parts.push(`conn/timeout×${connErrors}`);
  if (result.requests === 0) parts.push('no response completed within the run');
  return parts.join(', ');
}
