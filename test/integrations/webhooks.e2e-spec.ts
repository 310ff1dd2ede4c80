import * as dns from 'node:dns';
import { DataSource, IsNull, Like, Not } from 'typeorm';
import { OutboxEvent } from '../../src/outbox/outbox-event.entity';
import { v7 as uuidv7 } from 'uuid';
import { WebhookDeliveries } from '../../src/webhooks/webhook-deliveries.service';
import { WebhookDelivery } from '../../src/webhooks/webhook-delivery.entity';
import { freePort } from '../support/service-process';
import { startTestApp, validLead, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import {
  payloadOf,
  verifiedBy,
  WebhookReceiver,
  type ReceivedWebhook,
} from '../support/webhook-receiver';

interface Webhook {
  id: string;
  url: string;
  events: string[];
  secret?: string;
  previous_secret_expires_at: string | null;
}
interface Attempt {
  delivery_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status: string;
  response_status: number | null;
  duration_ms: number;
  error: string | null;
  delivery_status: string;
}

const MAX_ATTEMPTS = 3;
const METRICS_TOKEN = 'metrics-token-for-webhook-tests';
const auth = { type: 'bearer' as const };

describe('Webhooks (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      METRICS_TOKEN,
    });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const addWebhook = async (body: object): Promise<Webhook> => {
    const res = await t.http().post('/webhooks').auth(admin, auth).send(body);
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
    return res.body as Webhook;
  };
  const attemptsOf = async (id: string): Promise<Attempt[]> =>
    (await t.http().get(`/webhooks/${id}/deliveries`).auth(admin, auth).expect(200))
      .body as Attempt[];
  const submit = async (): Promise<string> =>
    ((await t.http().post('/leads').send(validLead()).expect(201)).body as { id: string }).id;
  const arrive = (what: string, probe: () => ReceivedWebhook[], n = 1) =>
    waitFor(() => (probe().length >= n ? probe() : undefined), { what, timeoutMs: 10_000 });
  /** The delivery log of `hookId` once its delivery was given up after MAX_ATTEMPTS. */
  const givenUp = (hookId: string, what: string) =>
    waitFor(
      async () => {
        const rows = await attemptsOf(hookId);
        return rows.length === MAX_ATTEMPTS && rows[0].delivery_status === 'failed'
          ? rows
          : undefined;
      },
      { what, timeoutMs: 10_000 },
    );

  it('delivers lead.created signed, retries a 500 with the same Webhook-Id, and logs both attempts', async () => {
    const hook = await addWebhook({
      url: `${receiver.url}/hooks/crm`,
      events: ['lead.created', 'lead.state_changed', 'lead.assigned'],
      description: 'CRM',
    });
    expect(hook.secret).toMatch(/^whsec_[\w-]{43}$/);
    const listed = await t.http().get('/webhooks').auth(admin, auth).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: hook.id, events: hook.events, description: 'CRM' }),
    ]);

    let failedOnce = false;
    receiver.respond = (req) => {
      if (payloadOf(req).type !== 'lead.created' || failedOnce) return 204;
      failedOnce = true;
      return 500;
    };
    const leadId = await submit();
    const [first, retry] = await arrive(
      'lead.created and its retry',
      () => receiver.of('lead.created', leadId),
      2,
    );
    expect([first.answered, retry.answered]).toEqual([500, 204]);
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retry.body).toBe(first.body);
    for (const r of [first, retry]) {
      expect(verifiedBy(r, hook.secret!)).toBe(1);
      expect(verifiedBy(r, 'whsec_wrong')).toBe(0);
      expect(r.path).toBe('/hooks/crm');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toMatch(/^lead-intake-webhooks\//);
      expect(r.headers['webhook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    }
    const payload = payloadOf(first);
    expect(Object.keys(payload).sort()).toEqual(['created_at', 'data', 'id', 'type']);
    expect(payload.data.lead).toMatchObject({ id: leadId, state: 'PENDING', first_name: 'Ada' });
    // The staff view (the assignee, triage), not the public one.
    expect(payload.data.lead).toHaveProperty('assigned_to');
    expect(payload.data.lead).toHaveProperty('spam');

    const log = await waitFor(
      async () => {
        const rows = await attemptsOf(hook.id);
        return rows.length === 2 ? rows : undefined;
      },
      { what: 'two attempts in the log' },
    );
    expect(log).toEqual([
      expect.objectContaining({
        delivery_id: first.headers['webhook-id'],
        event_id: payload.id,
        event_type: 'lead.created',
        attempt: 2,
        status: 'delivered',
        response_status: 204,
        error: null,
        delivery_status: 'delivered',
      }),
      expect.objectContaining({
        attempt: 1,
        status: 'failed',
        response_status: 500,
        error: 'HTTP 500',
      }),
    ]);
    expect(log[0].duration_ms).toEqual(expect.any(Number));
    // Counted right after the attempt is recorded, which the log may show a moment earlier.
    const scrape = async () =>
      (await t.http().get('/metrics').auth(METRICS_TOKEN, auth).expect(200)).text;
    const counted = (outcome: string) =>
      new RegExp(
        `^webhook_delivery_attempts_total\\{event="lead.created",outcome="${outcome}"\\} 1$`,
        'm',
      );
    await waitFor(async () => counted('delivered').test(await scrape()), {
      what: 'the delivered attempt counted',
    });
    expect(await scrape()).toMatch(counted('retry'));
    const page = await t
      .http()
      .get(`/webhooks/${hook.id}/deliveries?limit=1`)
      .auth(admin, auth)
      .expect(200);
    expect(page.headers['x-total-count']).toBe('2');
    expect(page.headers.link).toContain('rel="next"');

    // lead.state_changed, then lead.assigned, each carrying the lead as it now is.
    await t
      .http()
      .put(`/leads/${leadId}`)
      .auth(admin, auth)
      .send({ state: 'REACHED_OUT' })
      .expect(200);
    const [changed] = await arrive('lead.state_changed', () =>
      receiver.of('lead.state_changed', leadId),
    );
    expect(payloadOf(changed).data.lead.state).toBe('REACHED_OUT');
    expect(verifiedBy(changed, hook.secret!)).toBe(1);

    const me = (await t.http().get('/users/me').auth(admin, auth).expect(200)).body as {
      id: string;
    };
    await t
      .http()
      .put(`/leads/${leadId}/assignee`)
      .auth(admin, auth)
      .send({ user_id: me.id })
      .expect(200);
    const [assigned] = await arrive('lead.assigned', () => receiver.of('lead.assigned', leadId));
    expect(payloadOf(assigned).data.lead.assigned_to).toMatchObject({ id: me.id });
    const leadAudit = await t.http().get(`/audit?lead_id=${leadId}`).auth(admin, auth).expect(200);
    expect((leadAudit.body as { action: string }[]).map((a) => a.action)).toEqual(
      expect.arrayContaining(['lead.state_changed', 'lead.assigned']),
    );
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(3);

    // Rotation: the new secret once; for the overlap, each delivery verifies with either.
    const rotated = await t
      .http()
      .post(`/webhooks/${hook.id}/rotate-secret`)
      .auth(admin, auth)
      .expect(200);
    const fresh = (rotated.body as Webhook).secret!;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(hook.secret);
    expect(Date.parse((rotated.body as Webhook).previous_secret_expires_at!)).toBeGreaterThan(
      Date.now() + 23 * 3600 * 1000,
    );
    const second = await submit();
    const [after] = await arrive('lead.created after rotation', () =>
      receiver.of('lead.created', second),
    );
    expect(verifiedBy(after, fresh)).toBe(1);
    expect(verifiedBy(after, hook.secret!)).toBe(1);
    expect(after.headers['webhook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    const again = await t.http().get('/webhooks').auth(admin, auth).expect(200);
    expect(JSON.stringify(again.body)).not.toContain(fresh);

    const audit = await t.http().get(`/audit?user_id=${me.id}`).auth(admin, auth).expect(200);
    const actions = (audit.body as { action: string; target_id: string | null }[])
      .filter((a) => a.target_id === hook.id)
      .map((a) => a.action);
    expect(actions.sort()).toEqual(['webhook.created', 'webhook.secret_rotated']);
  });

  it('gives two rotations at once secrets that both verify (they take turns)', async () => {
    const hook = await addWebhook({ url: `${receiver.url}/twice`, events: ['lead.created'] });
    const rotate = async () =>
      (
        (await t.http().post(`/webhooks/${hook.id}/rotate-secret`).auth(admin, auth).expect(200))
          .body as Webhook
      ).secret!;
    const secrets = await Promise.all([rotate(), rotate()]);
    const id = await submit();
    const [delivered] = await arrive('lead.created after two rotations', () =>
      receiver.of('lead.created', id).filter((r) => r.path === '/twice'),
    );
    // The later rotation's secret signs; the earlier one's is its previous secret.
    expect(secrets.map((secret) => verifiedBy(delivered, secret))).toEqual([1, 1]);
  });

  it('does not follow a redirect, retries it, and gives up after WEBHOOK_MAX_ATTEMPTS', async () => {
    receiver.respond = (req) => (req.path === '/moved' ? 302 : 204);
    const hook = await addWebhook({ url: `${receiver.url}/moved`, events: ['lead.created'] });
    await submit();
    const log = await givenUp(hook.id, 'the delivery given up');
    expect(log.map((a) => [a.attempt, a.status, a.response_status])).toEqual([
      [3, 'failed', 302],
      [2, 'failed', 302],
      [1, 'failed', 302],
    ]);
    expect(log[0].error).toMatch(/redirects are not followed/);
    expect(receiver.received.filter((r) => r.path === '/landed')).toEqual([]);
    expect(receiver.received.filter((r) => r.path === '/moved')).toHaveLength(MAX_ATTEMPTS);
  });

  it('retries a network error (nothing listening) and logs why', async () => {
    const closed = await freePort();
    const hook = await addWebhook({ url: `http://127.0.0.1:${closed}/`, events: ['lead.created'] });
    await submit();
    const log = await givenUp(hook.id, 'the unreachable delivery given up');
    expect(log).toHaveLength(MAX_ATTEMPTS);
    for (const a of log) {
      expect(a).toMatchObject({ status: 'failed', response_status: null });
      expect(a.error).toMatch(/^Network error: ECONNREFUSED/);
    }
    await t.http().delete(`/webhooks/${hook.id}`).auth(admin, auth).expect(204);
  });

  it('deleting an endpoint stops its pending deliveries and drops its log', async () => {
    receiver.respond = (req) => (req.path === '/flaky' ? 503 : 204);
    const hook = await addWebhook({ url: `${receiver.url}/flaky`, events: ['lead.created'] });
    const first = await submit();
    // One attempt failed: the delivery waits for its retry.
    await waitFor(async () => (await attemptsOf(hook.id)).length > 0, { what: 'a failed attempt' });
    await t.http().delete(`/webhooks/${hook.id}`).auth(admin, auth).expect(204);
    const rows = t.app.get(DataSource).getRepository(WebhookDelivery);
    expect(await rows.countBy({ endpointId: hook.id })).toBe(0);
    await t.http().delete(`/webhooks/${hook.id}`).auth(admin, auth).expect(404);
    await t.http().get(`/webhooks/${hook.id}/deliveries`).auth(admin, auth).expect(404);
    const list = await t.http().get('/webhooks').auth(admin, auth).expect(200);
    expect((list.body as Webhook[]).map((w) => w.id)).not.toContain(hook.id);
    // A later event plans nothing for it: the surviving endpoint gets it, /flaky no more.
    const flaky = () => receiver.received.filter((r) => r.path === '/flaky');
    const before = flaky().length;
    expect(flaky().every((r) => payloadOf(r).data.lead.id === first)).toBe(true);
    const leadId = await submit();
    await arrive('lead.created at the surviving endpoint', () =>
      receiver.of('lead.created', leadId).filter((r) => r.path === '/hooks/crm'),
    );
    // An attempt already under way when the endpoint went may still land; nothing after it.
    expect(flaky().length).toBeLessThanOrEqual(before + 1);
  });

  it('answers 400 to bad bodies and ids, 404 to unknown ids, 403 to attorneys and API keys', async () => {
    for (const body of [
      {},
      { url: `${receiver.url}/x`, events: [] },
      { url: `${receiver.url}/x`, events: ['lead.deleted'] },
      { url: `${receiver.url}/x`, events: ['lead.created', 'lead.created'] },
      { url: 'ftp://files.example.com/x', events: ['lead.created'] },
      { url: 'not a url', events: ['lead.created'] },
      { url: 'https://user:pass@example.com/x', events: ['lead.created'] },
      { url: `${receiver.url}/x`, events: ['lead.created'], secret: 'mine' },
    ]) {
      const res = await t.http().post('/webhooks').auth(admin, auth).send(body);
      expect([res.status, res.body]).toEqual([
        400,
        expect.objectContaining({ statusCode: 400, error: 'Bad Request' }),
      ]);
    }
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await t.http().delete('/webhooks/42').auth(admin, auth)).status).toBe(400);
    expect(
      (await t.http().post(`/webhooks/${unknown}/rotate-secret`).auth(admin, auth)).status,
    ).toBe(404);
    expect((await t.http().get(`/webhooks/${unknown}/deliveries`).auth(admin, auth)).status).toBe(
      404,
    );

    await t
      .http()
      .post('/users')
      .auth(admin, auth)
      .send({
        email: 'hooks-att@firm.test',
        name: 'Att',
        password: 'attorney-pass-phrase',
        role: 'attorney',
      })
      .expect(201);
    const attorney = await t.tokenFor('hooks-att@firm.test', 'attorney-pass-phrase');
    const key = (
      await t
        .http()
        .post('/api-keys')
        .auth(admin, auth)
        .send({ name: 'all scopes', scopes: ['leads:read', 'leads:write'] })
        .expect(201)
    ).body as { key: string };
    for (const token of [attorney, key.key]) {
      expect((await t.http().get('/webhooks').auth(token, auth)).status).toBe(403);
      const add = await t
        .http()
        .post('/webhooks')
        .auth(token, auth)
        .send({ url: `${receiver.url}/x`, events: ['lead.created'] });
      expect(add.status).toBe(403);
    }
  });
});

describe('Webhooks and erasure, spam (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const deliveriesOf = (leadId: string) =>
    t.app.get(DataSource).getRepository(WebhookDelivery).countBy({ leadId });

  it('stores no delivery for a lead erased after its body was built, and none about spam', async () => {
    const hook = (
      await t
        .http()
        .post('/webhooks')
        .auth(admin, auth)
        .send({ url: `${receiver.url}/late`, events: ['lead.created', 'lead.state_changed'] })
        .expect(201)
    ).body as Webhook;
    const { body: lead } = await t.http().post('/leads').send(validLead()).expect(201);
    const id = (lead as { id: string }).id;
    await waitFor(async () => (await deliveriesOf(id)) === 1, {
      what: 'the lead.created delivery',
    });
    await t.http().delete(`/leads/${id}`).auth(admin, auth).expect(204);
    // A planner that read the lead just before the erasure now stores what it built.
    await t.app
      .get(WebhookDeliveries)
      .plan({ eventId: uuidv7(), type: 'lead.state_changed', leadId: id, body: '{"name":"Ada"}' }, [
        hook.id,
      ]);
    expect(await deliveriesOf(id)).toBe(1);

    // Spam: a state change of a spam lead is not told to anybody.
    const { body: spam } = await t
      .http()
      .post('/leads')
      .send(validLead({ website: 'bot' }))
      .expect(201);
    const spamId = (spam as { id: string }).id;
    await t
      .http()
      .put(`/leads/${spamId}`)
      .auth(admin, auth)
      .send({ state: 'DECLINED' })
      .expect(200);
    // Once its lead.state_changed event is published, every listener has handled it.
    const events = t.app.get(DataSource).getRepository(OutboxEvent);
    await waitFor(
      async () =>
        (await events.countBy({
          type: 'lead.state_changed',
          payload: Like(`%${spamId}%`),
          publishedAt: Not(IsNull()),
        })) === 1,
      { what: "the spam lead's state change published" },
    );
    expect(await deliveriesOf(spamId)).toBe(0);
  });
});

describe('Webhooks without WEBHOOK_ALLOW_PRIVATE_TARGETS (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const resolve = dns.promises.lookup.bind(dns.promises);
  /** What the name `hooks.rebind.test` resolves to now, after the answers queued in `next`. */
  let rebindTo = '93.184.215.14';
  const next: string[] = [];

  beforeAll(async () => {
    jest
      .spyOn(dns.promises, 'lookup')
      .mockImplementation(((host: string, options: object) =>
        host === 'hooks.rebind.test'
          ? Promise.resolve([{ address: next.shift() ?? rebindTo, family: 4 }])
          : resolve(host, options as dns.LookupAllOptions)) as typeof dns.promises.lookup);
    t = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false',
      WEBHOOK_MAX_ATTEMPTS: '1',
    });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
    jest.restoreAllMocks();
  });

  const add = (url: string) =>
    t
      .http()
      .post('/webhooks')
      .auth(admin, auth)
      .send({ url, events: ['lead.created'] });
  /** The delivery log of `hookId` once its (refused) first attempt is in. */
  const refusedAttempts = (hookId: string) =>
    waitFor(
      async () => {
        const res = await t.http().get(`/webhooks/${hookId}/deliveries`).auth(admin, auth);
        const rows = res.body as Attempt[];
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the refused attempt', timeoutMs: 10_000 },
    );

  it('refuses loopback, private, metadata and plain-http targets with 400', async () => {
    const cases: [string, RegExp][] = [
      ['https://127.0.0.1:8443/hook', /127\.0\.0\.1, a loopback address/],
      ['https://localhost/hook', /a loopback address/],
      ['https://[::1]/hook', /a loopback address/],
      ['https://10.0.0.8/hook', /a private address/],
      ['https://169.254.169.254/latest/meta-data', /a cloud metadata address/],
      ['https://[fd00:ec2::254]/', /a cloud metadata address/],
      ['https://100.64.1.1/hook', /CGNAT/],
      ['http://93.184.215.14/hook', /must be an https:\/\/ URL/],
    ];
    for (const [url, message] of cases) {
      const res = await add(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect([url, (res.body as { message: string[] }).message.join()]).toEqual([
        url,
        expect.stringMatching(message),
      ]);
    }
  });

  it('checks again at delivery: a name that now resolves to a private address is refused and logged', async () => {
    rebindTo = '93.184.215.14';
    const created = await add('https://hooks.rebind.test/hook');
    expect(created.status).toBe(201);
    const hook = created.body as Webhook;
    rebindTo = '127.0.0.1';
    await t.http().post('/leads').send(validLead()).expect(201);
    const log = await refusedAttempts(hook.id);
    expect(log).toEqual([
      expect.objectContaining({
        status: 'failed',
        response_status: null,
        delivery_status: 'failed',
        error: expect.stringMatching(/hooks\.rebind\.test resolves to 127\.0\.0\.1, a loopback/),
      }),
    ]);
  });

  it('connects to the address it checked: a name that rebinds between check and connection is refused', async () => {
    // Alone: the endpoints of the tests before would take the queued answers.
    const existing = (await t.http().get('/webhooks').auth(admin, auth).expect(200))
      .body as Webhook[];
    for (const old of existing)
      await t.http().delete(`/webhooks/${old.id}`).auth(admin, auth).expect(204);
    rebindTo = '93.184.215.14';
    const created = await add('https://hooks.rebind.test/other-hook');
    expect(created.status).toBe(201);
    const hook = created.body as Webhook;
    // The check before the attempt sees a public address; the connection's own lookup, 127.0.0.1.
    next.push('93.184.215.14', '127.0.0.1');
    await t.http().post('/leads').send(validLead()).expect(201);
    const log = await refusedAttempts(hook.id);
    expect(log).toEqual([
      expect.objectContaining({
        status: 'failed',
        response_status: null,
        error: expect.stringMatching(/hooks\.rebind\.test resolves to 127\.0\.0\.1, a loopback/),
      }),
    ]);
  });
});
