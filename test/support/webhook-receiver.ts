import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  /** What the receiver answered. */
  answered: number;
}

export interface WebhookPayload {
  id: string;
  type: string;
  created_at: string;
  data: { lead: Record<string, unknown> & { id: string; state: string } };
}

/** Decides the answer to a request; the default answers 204. */
export type Responder = (req: ReceivedWebhook, earlier: ReceivedWebhook[]) => number;

/** A webhook receiver on 127.0.0.1 that records every request with its raw body. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: Responder = () => 204;
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const got: ReceivedWebhook = {
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          answered: 0,
        };
        got.answered = this.respond(got, [...this.received]);
        this.received.push(got);
        if (got.answered >= 300 && got.answered < 400) res.setHeader('Location', '/landed');
        res.statusCode = got.answered;
        res.end(got.answered >= 400 ? 'no thanks' : '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Requests whose payload is of `type` (and about `leadId`, when given). */
  of(type: string, leadId?: string): ReceivedWebhook[] {
    return this.received.filter((r) => {
      const p = payloadOf(r);
      return p.type === type && (!leadId || p.data.lead.id === leadId);
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

export const payloadOf = (r: ReceivedWebhook): WebhookPayload =>
  JSON.parse(r.body) as WebhookPayload;

/**
 * What a receiver does: the `v1` signatures of `Webhook-Signature` that match HMAC-SHA256(secret,
 * t + "." + raw body), compared in constant time. Returns how many of them `secret` verifies.
 */
export function verifiedBy(r: ReceivedWebhook, secret: string): number {
  const header = String(r.headers['webhook-signature'] ?? '');
  const parts = header.split(',').map((p) => p.split('=', 2) as [string, string]);
  const t = parts.find(([k]) => k === 't')?.[1];
  if (!t || t !== r.headers['webhook-timestamp']) return 0;
  const expected = createHmac('sha256', secret).update(`${t}.${r.body}`).digest();
  return parts.filter(([k, v]) => {
    if (k !== 'v1') return false;
    const given = Buffer.from(v, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }).length;
}
