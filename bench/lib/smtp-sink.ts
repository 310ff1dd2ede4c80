import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';

/** Only so much of a message is kept while looking for the end of its header. */
const HEADER_MAX_BYTES = 64 * 1024;

/**
 * An SMTP server on 127.0.0.1 that accepts every message and throws it away, either at once or
 * after `delayMs` per message (a slow relay). Runs in the bench process, so the service under
 * test pays for a real SMTP conversation but no mail leaves the machine.
 *
 * While `record(kind)` is on, it also notes when the first message of that kind (the service's
 * `X-Notification` header) arrived for each lead (`X-Lead-Id`), as `performance.now()` of this
 * process — the clock the speed-to-lead submitter reads when a 201 comes back.
 */
export class SmtpSink {
  accepted = 0;
  private server?: SMTPServer;
  private port = 0;
  private recording?: { kind: string; arrivals: Map<string, number> };

  constructor(private readonly delayMs = 0) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Starts noting arrivals of `kind` (forgetting earlier ones); the map fills as mail comes. */
  record(kind: string): Map<string, number> {
    const arrivals = new Map<string, number>();
    this.recording = { kind, arrivals };
    return arrivals;
  }

  stopRecording(): void {
    this.recording = undefined;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      onData: (stream, _session, callback) => this.receive(stream, callback),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private receive(stream: Readable, callback: () => void): void {
    const recording = this.recording;
    let head = recording ? '' : undefined;
    stream.on('data', (chunk: Buffer) => {
      if (head !== undefined && head.length < HEADER_MAX_BYTES && !head.includes('\r\n\r\n')) {
        head += chunk.toString('latin1');
      }
    });
    stream.on('end', () => {
      const at = performance.now();
      this.accepted += 1;
      if (recording && head !== undefined) noteArrival(recording, head, at);
      if (this.delayMs > 0) setTimeout(() => callback(), this.delayMs);
      else callback();
    });
  }
}

function noteArrival(
  recording: { kind: string; arrivals: Map<string, number> },
  message: string,
  at: number,
): void {
  const headers = parseHeaders(message);
  const leadId = headers.get('x-lead-id');
  if (headers.get('x-notification') !== recording.kind || !leadId) return;
  if (!recording.arrivals.has(leadId)) recording.arrivals.set(leadId, at);
}

/** The message's header fields (lower-cased names, unfolded values; the first of each name). */
export function parseHeaders(message: string): Map<string, string> {
  const end = message.indexOf('\r\n\r\n');
  const block = (end >= 0 ? message.slice(0, end) : message).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}
