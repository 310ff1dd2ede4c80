import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One submit of an open-loop run; times are performance.now() of this process. */
export interface Submit {
  /** When the schedule said to send it, and when it was sent. */
  dueAt: number;
  sentAt: number;
  /** When the whole answer had arrived (or the request failed). */
  doneAt: number;
  /** 0 when the request failed without an answer (connection error, timeout). */
  status: number;
  /** The new lead's id, from a 201's body. */
  leadId?: string;
}

const TIMEOUT_MS = 10_000;
/**
 * Sockets kept open at most. Beyond it requests would wait for a free socket (a closed loop in
 * disguise), but it only binds once this many answers are outstanding, i.e. when the service
 * has stopped keeping up for seconds anyway; without a cap such a stall would exhaust file
 * descriptors instead.
 */
const MAX_SOCKETS = 256;

/**
 * Open loop: the i-th request is due at start + i / rate and is sent then, whether or not the
 * earlier ones have been answered (unlike autocannon, whose connections each wait for their
 * answer). A late timer sends every request that has fallen due at once. Resolves when every
 * request has been answered or has failed.
 */
export async function openLoopPosts(
  url: string,
  rate: number,
  seconds: number,
  body: (i: number) => string,
): Promise<Submit[]> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const total = Math.max(1, Math.round(rate * seconds));
  const pending: Promise<Submit>[] = [];
  const start = performance.now();
  const due = (i: number) => start + (i * 1000) / rate;
  try {
    await new Promise<void>((resolve) => {
      const tick = () => {
        while (pending.length < total && due(pending.length) <= performance.now()) {
          pending.push(post(agent, target, body(pending.length), due(pending.length)));
        }
        if (pending.length >= total) return resolve();
        setTimeout(tick, Math.max(0, due(pending.length) - performance.now()));
      };
      tick();
    });
    return await Promise.all(pending);
  } finally {
    agent.destroy();
  }
}

function post(agent: Agent, url: URL, body: string, dueAt: number): Promise<Submit> {
  const sentAt = performance.now();
  return new Promise((resolve) => {
    const done = (status: number, text = '') =>
      resolve({ dueAt, sentAt, doneAt: performance.now(), status, leadId: leadIdOf(status, text) });
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(res.statusCode ?? 0, text));
        res.on('error', () => done(0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0));
    req.end(body);
  });
}

function leadIdOf(status: number, text: string): string | undefined {
  if (status !== 201) return undefined;
  try {
    const { id } = JSON.parse(text) as { id?: unknown };
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Nearest-rank percentile of unsorted values; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
