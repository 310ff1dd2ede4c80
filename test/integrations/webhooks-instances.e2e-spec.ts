import { Client } from 'pg';
import { describePostgres } from '../support/describe-db';
import { type InstancePair, startInstancePair } from '../support/instance-pair';
import { ADMIN, validLead } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { payloadOf, verifiedBy, WebhookReceiver } from '../support/webhook-receiver';

const LEADS = 8;

describePostgres('Webhooks with two instances on PostgreSQL (e2e)', () => {
  let pair: InstancePair;
  let pg: Client;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    pair = await startInstancePair('webhooks', { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    pg = new Client({ connectionString: pair.databaseUrl });
    await pg.connect();
  }, 60_000);
  afterAll(async () => {
    await pg?.end();
    await pair?.stop();
    await receiver?.stop();
  });

  const call = async (i: number, path: string, body?: object, token?: string) => {
    const res = await fetch(`${pair.instances[i % 2].baseUrl}${path}`, {
      method: body ? (path.startsWith('/leads/') ? 'PUT' : 'POST') : 'GET',
      body: body ? JSON.stringify(body) : undefined,
      headers: {
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('deliver each event to each endpoint once, retries included, whichever instance sends', async () => {
    const token = await pair.instances[0].token(ADMIN.email, ADMIN.password);
    const created = await call(
      0,
      '/webhooks',
      { url: `${receiver.url}/crm`, events: ['lead.created', 'lead.state_changed'] },
      token,
    );
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    // Every delivery fails once, so its retry may be taken by either instance.
    receiver.respond = (req, earlier) =>
      earlier.some((r) => r.headers['webhook-id'] === req.headers['webhook-id']) ? 204 : 500;

    const leads = await Promise.all(
      Array.from({ length: LEADS }, async (_, i) => {
        const res = await call(i, '/leads', validLead());
        expect(res.status).toBe(201);
        return res.body.id as string;
      }),
    );
    await Promise.all(
      leads.map(async (id, i) => {
        const res = await call(i + 1, `/leads/${id}`, { state: 'REACHED_OUT' }, token);
        expect(res.status).toBe(200);
      }),
    );

    const expected = LEADS * 2;
    await waitFor(
      async () => {
        const { rows } = await pg.query<{ n: string }>(
          "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'delivered'",
        );
        return Number(rows[0].n) === expected;
      },
      { what: `${expected} deliveries delivered`, timeoutMs: 20_000, intervalMs: 100 },
    );
    const byId = new Map<string, number[]>();
    for (const r of receiver.received) {
      const id = String(r.headers['webhook-id']);
      byId.set(id, [...(byId.get(id) ?? []), r.answered]);
      expect(verifiedBy(r, secret)).toBe(1);
    }
    expect(byId.size).toBe(expected);
    for (const answers of byId.values()) expect(answers).toEqual([500, 204]);
    for (const id of leads) {
      expect(receiver.of('lead.created', id).map((r) => r.answered)).toEqual([500, 204]);
      expect(receiver.of('lead.state_changed', id).map((r) => r.answered)).toEqual([500, 204]);
    }
    expect(new Set(receiver.received.map((r) => payloadOf(r).id)).size).toBe(expected);
    const { rows } = await pg.query<{ n: string }>('SELECT COUNT(*) AS n FROM webhook_attempts');
    expect(Number(rows[0].n)).toBe(expected * 2);
  });
});
