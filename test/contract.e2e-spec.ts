import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Response } from 'superagent';
import type { Test } from 'supertest';
import { OpenApiContract, type Answer, type OpenApiDocument } from './contract/openapi-contract';
import { readmeWalkthrough } from './contract/readme-walkthrough';
import { makePdf } from './support/documents';
import { ADMIN, startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Statuses the document declares that this test cannot bring about, and why. */
const NOT_PROVOKED: Record<string, string> = {
  'GET /health/ready 503': 'needs the database to be unreachable while the service runs',
};
const ATTORNEY = {
  email: 'atticus@firm.test',
  name: 'Atticus Finch',
  password: 'attorney-password-1',
};
const BOUNCING = 'nobody@bounce.example';

const fromSupertest = (res: Response): Answer => ({
  method: res.request.method,
  path: new URL(res.request.url).pathname,
  status: res.status,
  headers: res.headers,
  body: res.body as unknown,
});

/**
 * The main flows, every answer checked against the document the service publishes at /docs-json
 * (see contract/openapi-contract.ts): documented status, media type, headers, and a JSON body
 * that validates against the response schema.
 */
describe('OpenAPI contract (e2e)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let contract: OpenApiContract;
  let admin: string;
  let attorney: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Sends a request and fails, listing every mismatch, if its answer departs from the document. */
  async function send(request: Test): Promise<Response> {
    const res = await request;
    expect(contract.check(fromSupertest(res))).toEqual([]);
    return res;
  }
  /** Every operation of the document, with a placeholder for each path parameter. */
  const operations = (filter: (op: Record<string, unknown>) => boolean) =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => filter(op as unknown as Record<string, unknown>))
        .map(([method]) => [method, path.replace(/\{[^}]+\}/g, randomUUID())] as const),
    );
  const call = (method: string, path: string) =>
    (t.http() as unknown as Record<string, (path: string) => Test>)[method](path);

  beforeAll(async () => {
    t = await startTestApp();
    t.smtp.behaviour = { rejectRecipients: [BOUNCING] };
    doc = (await t.http().get('/docs-json')).body as OpenApiDocument;
    contract = new OpenApiContract(doc);
    admin = await t.adminToken();
    // Set-up only: the users tests check these answers.
    const created = await t
      .http()
      .post('/users')
      .set(bearer(admin))
      .send({ ...ATTORNEY, role: 'attorney' });
    expect(created.status).toBe(201);
    attorney = await t.tokenFor(ATTORNEY.email, ATTORNEY.password);
  });
  afterAll(() => t.close());

  describe('the published document', () => {
    // Its validity (swagger-parser, Redocly) is checked by `npm run lint:openapi`: swagger-parser
    // is an ES module Jest cannot load.
    it('is OpenAPI 3.1', () => {
      expect(doc.openapi).toBe('3.1.0');
    });

    it('names PUBLIC_BASE_URL as its server', () => {
      expect((doc as unknown as { servers: unknown }).servers).toEqual([
        { url: 'http://leads.firm.test' },
      ]);
    });

    it('marks exactly the @Public() operations `security: []`', () => {
      const open = operations((op) => Array.isArray(op.security) && op.security.length === 0);
      expect(open.map(([method, path]) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
        'GET /health',
        'GET /health/ready',
        'GET /leads/form-token',
        'POST /auth/revoke',
        'POST /auth/token',
        'POST /leads',
      ]);
    });
  });

  describe('the checker', () => {
    // A separate checker, so these planted answers do not count as answered statuses.
    const planted = (body: unknown, status = 200) =>
      new OpenApiContract(doc).check({
        method: 'GET',
        path: '/users/me',
        status,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '99' },
        body,
      });
    const me = {
      id: randomUUID(),
      email: 'a@firm.test',
      name: 'A',
      role: 'admin',
      active: true,
      accepts_leads: true,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    };

    it('accepts a conforming answer', () => {
      expect(planted(me)).toEqual([]);
    });

    it('reports a number where the schema says string, and every other mismatch', () => {
      expect(planted({ ...me, name: 42, active: 'yes', extra: 1 })).toEqual([
        'GET /users/me → 200: body/name must be string',
        'GET /users/me → 200: body/active must be boolean',
        'GET /users/me → 200: body must NOT have unevaluated properties (extra)',
      ]);
    });

    it('reports a status the document does not declare', () => {
      expect(planted(me, 418)).toEqual(['GET /users/me → 418: status 418 is not documented']);
    });

    it('reports a missing required header', () => {
      const unauthorized = {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Missing bearer token',
      };
      expect(planted(unauthorized, 401)).toEqual([
        'GET /users/me → 401: required header www-authenticate is missing',
      ]);
    });
  });

  describe('public: token, revoke, health', () => {
    const token = (fields: Record<string, string>) =>
      send(t.http().post('/auth/token').type('form').send(fields));

    it('grants a token (200) and refuses bad grants in RFC 6749 form (400)', async () => {
      const ok = await token({
        grant_type: 'password',
        username: ADMIN.email,
        password: ADMIN.password,
      });
      expect(ok.status).toBe(200);
      const wrong = await token({
        grant_type: 'password',
        username: ADMIN.email,
        password: 'nope',
      });
      expect(wrong.body).toMatchObject({ error: 'invalid_grant' });
      const grant = await token({ grant_type: 'client_credentials' });
      expect(grant.body).toMatchObject({ error: 'unsupported_grant_type' });
      const json = await send(t.http().post('/auth/token').send({ grant_type: 'password' }));
      expect([wrong.status, grant.status, json.status]).toEqual([400, 400, 400]);
    });

    it('revokes a token (200) and refuses a request without one (400)', async () => {
      const spare = await t.adminToken();
      const revoked = await send(t.http().post('/auth/revoke').type('form').send({ token: spare }));
      const missing = await send(t.http().post('/auth/revoke').type('form').send({}));
      expect([revoked.status, missing.status]).toEqual([200, 400]);
    });

    it('answers /health and /health/ready', async () => {
      expect((await send(t.http().get('/health'))).status).toBe(200);
      expect((await send(t.http().get('/health/ready'))).status).toBe(200);
    });
  });

  describe('leads', () => {
    let urlLead: string;
    let fileLead: string;

    it('takes a lead as JSON and as multipart (201 + Location)', async () => {
      const json = await send(t.http().post('/leads').send(validLead()));
      const multipart = await send(
        t
          .http()
          .post('/leads')
          .field('first_name', 'Grace')
          .field('last_name', 'Hopper')
          .field('email', `grace+${Date.now()}@example.com`)
          .attach('resume', makePdf('Grace Hopper'), {
            filename: 'cv.pdf',
            contentType: 'application/pdf',
          }),
      );
      expect([json.status, multipart.status]).toEqual([201, 201]);
      urlLead = json.body.id;
      fileLead = multipart.body.id;
    });

    it('replays an Idempotency-Key (201) and refuses it for another body (422)', async () => {
      const key = randomUUID();
      const body = validLead();
      await send(t.http().post('/leads').set('Idempotency-Key', key).send(body));
      const replay = await send(t.http().post('/leads').set('Idempotency-Key', key).send(body));
      expect(replay.headers['idempotent-replayed']).toBe('true');
      const other = await send(
        t.http().post('/leads').set('Idempotency-Key', key).send(validLead()),
      );
      expect([replay.status, other.status]).toEqual([201, 422]);
    });

    it('refuses invalid fields (400) and a body it does not take (415)', async () => {
      const invalid = await send(
        t
          .http()
          .post('/leads')
          .send(validLead({ email: 'nope' })),
      );
      const text = await send(t.http().post('/leads').set('Content-Type', 'text/plain').send('x'));
      expect([invalid.status, text.status]).toEqual([400, 415]);
    });

    it('lists leads with X-Total-Count and Link (200), and refuses a bad query (400)', async () => {
      const page = await send(t.http().get('/leads?limit=1&offset=1').set(bearer(admin)));
      expect(page.headers['x-total-count']).toMatch(/^\d+$/);
      expect(page.headers.link).toMatch(/rel="next".*rel="prev"/);
      const bad = await send(t.http().get('/leads?limit=0').set(bearer(admin)));
      expect([page.status, bad.status]).toEqual([200, 400]);
    });

    it('moves a lead to REACHED_OUT (200), again (200), never back (409)', async () => {
      const put = (id: string, state: string) =>
        send(t.http().put(`/leads/${id}`).set(bearer(attorney)).send({ state }));
      const first = await put(urlLead, 'REACHED_OUT');
      expect(first.body.reached_out_by).toMatchObject({ email: ATTORNEY.email });
      const again = await put(urlLead, 'REACHED_OUT');
      const back = await put(urlLead, 'PENDING');
      const invalid = await put(urlLead, 'WON');
      const unknown = await put(randomUUID(), 'REACHED_OUT');
      const malformed = await put('42', 'REACHED_OUT');
      expect([first, again, back, invalid, unknown, malformed].map((r) => r.status)).toEqual([
        200, 200, 409, 400, 404, 400,
      ]);
    });

    it('shows one lead with its history and notifications (200), 400, 404', async () => {
      const detail = await waitFor(
        async () => {
          const res = await send(t.http().get(`/leads/${urlLead}`).set(bearer(admin)));
          return res.body.notifications.length >= 2 ? res : undefined;
        },
        { what: 'the lead’s two notifications' },
      );
      expect(detail.body.history).toHaveLength(1);
      const malformed = await send(t.http().get('/leads/42').set(bearer(admin)));
      const unknown = await send(t.http().get(`/leads/${randomUUID()}`).set(bearer(admin)));
      expect([detail.status, malformed.status, unknown.status]).toEqual([200, 400, 404]);
    });

    it('downloads an uploaded CV (200), not a linked one (404), 400', async () => {
      const file = await send(
        t.http().get(`/leads/${fileLead}/resume`).set(bearer(admin)).buffer(true),
      );
      const link = await send(t.http().get(`/leads/${urlLead}/resume`).set(bearer(admin)));
      const malformed = await send(t.http().get('/leads/42/resume').set(bearer(admin)));
      expect([file.status, link.status, malformed.status]).toEqual([200, 404, 400]);
    });
  });

  describe('users', () => {
    it('answers /users/me for admins and attorneys (200)', async () => {
      const mine = await send(t.http().get('/users/me').set(bearer(attorney)));
      expect(mine.body).toMatchObject({ email: ATTORNEY.email, role: 'attorney' });
    });

    it('lists (200) and creates users (201, 400, 409)', async () => {
      const list = await send(t.http().get('/users').set(bearer(admin)));
      const create = (body: Record<string, unknown>) =>
        send(t.http().post('/users').set(bearer(admin)).send(body));
      const email = `jean+${Date.now()}@firm.test`;
      const created = await create({
        email,
        name: 'Jean',
        password: 'a long enough pass',
        role: 'attorney',
      });
      const invalid = await create({ email: 'x', name: 'X', password: 'short', role: 'boss' });
      const taken = await create({
        email,
        name: 'Jean',
        password: 'a long enough pass',
        role: 'attorney',
      });
      expect([list.status, created.status, invalid.status, taken.status]).toEqual([
        200, 201, 400, 409,
      ]);
    });

    it('changes a user (200, 400, 404), never the last admin into an attorney (409)', async () => {
      const me = await send(t.http().get('/users/me').set(bearer(admin)));
      const attorneyId = (await send(t.http().get('/users').set(bearer(admin)))).body.find(
        (u: { email: string }) => u.email === ATTORNEY.email,
      ).id;
      const patch = (id: string, body: Record<string, unknown>) =>
        send(t.http().patch(`/users/${id}`).set(bearer(admin)).send(body));
      const renamed = await patch(attorneyId, { name: 'Atticus F.' });
      const invalid = await patch(attorneyId, { role: 'boss' });
      const unknown = await patch(randomUUID(), { name: 'Nobody' });
      const demoted = await patch(me.body.id, { role: 'attorney' });
      expect([renamed, invalid, unknown, demoted].map((r) => r.status)).toEqual([
        200, 400, 404, 409,
      ]);
    });
  });

  describe('notifications', () => {
    it('lists notifications with X-Total-Count (200), refuses a bad filter (400)', async () => {
      const list = await send(t.http().get('/notifications?limit=1').set(bearer(admin)));
      const bad = await send(t.http().get('/notifications?status=lost').set(bearer(admin)));
      expect([list.status, bad.status]).toEqual([200, 400]);
    });

    it('retries a failed notification (200), not a sent one (409), 400, 404', async () => {
      await send(
        t
          .http()
          .post('/leads')
          .send(validLead({ email: BOUNCING })),
      );
      const failed = await waitFor(
        async () =>
          (await send(t.http().get('/notifications?status=failed').set(bearer(admin)))).body[0] as
            { id: string } | undefined,
        { what: 'a failed notification' },
      );
      const sent = await waitFor(
        async () =>
          (await send(t.http().get('/notifications?status=sent').set(bearer(admin)))).body[0] as
            { id: string } | undefined,
        { what: 'a sent notification' },
      );
      const retry = (id: string) =>
        send(t.http().post(`/notifications/${id}/retry`).set(bearer(admin)));
      const statuses = [
        await retry(failed.id),
        await retry(sent.id),
        await retry('42'),
        await retry(randomUUID()),
      ].map((r) => r.status);
      expect(statuses).toEqual([200, 409, 400, 404]);
    });

    it('retries every failed notification at once (200 with the count)', async () => {
      const res = await send(t.http().post('/notifications/retry-failed').set(bearer(admin)));
      expect(res.status).toBe(200);
      expect(typeof (res.body as { retried: unknown }).retried).toBe('number');
    });
  });

  describe('triage and the conflict register (issue 14)', () => {
    it('answers every status they document', async () => {
      const as = bearer(admin);
      expect((await send(t.http().get('/leads/form-token'))).status).toBe(200);
      const id = (
        await send(
          t
            .http()
            .post('/leads')
            .send(validLead({ website: 'bot' })),
        )
      ).body.id as string;
      const spam = (lead: string, body: unknown) =>
        send(
          t
            .http()
            .put(`/leads/${lead}/spam`)
            .set(as)
            .send(body as object),
        );
      const check = (lead: string) => send(t.http().post(`/leads/${lead}/conflict-check`).set(as));
      const party = await send(
        t
          .http()
          .post('/conflict-parties')
          .set(as)
          .send({ name: 'Globex Corporation', kind: 'adverse' }),
      );
      const remove = (party: string) => send(t.http().delete(`/conflict-parties/${party}`).set(as));
      const statuses = [
        (await spam(id, { spam: false })).status,
        (await spam(id, { spam: 'no' })).status,
        (await spam(randomUUID(), { spam: false })).status,
        (await check(id)).status,
        (await check('42')).status,
        (await check(randomUUID())).status,
        party.status,
        (await send(t.http().post('/conflict-parties').set(as).send({ kind: 'x' }))).status,
        (await send(t.http().get('/conflict-parties').set(as))).status,
        (await send(t.http().get('/conflict-parties?limit=0').set(as))).status,
        (await remove(party.body.id as string)).status,
        (await remove('42')).status,
        (await remove(randomUUID())).status,
      ];
      expect(statuses).toEqual([200, 400, 404, 200, 400, 404, 201, 400, 200, 400, 204, 400, 404]);
    });
  });

  describe('follow-up and integrations (issues 15 and 16)', () => {
    it('reassigns a lead (200, 400, 404, 409)', async () => {
      const as = bearer(admin);
      const users = (await send(t.http().get('/users').set(as))).body as {
        id: string;
        email: string;
      }[];
      const attorneyId = users.find((u) => u.email === ATTORNEY.email)!.id;
      const gone = await send(
        t.http().post('/users').set(as).send({
          email: 'gone@firm.test',
          name: 'Gone',
          password: 'gone-password-123',
          role: 'attorney',
        }),
      );
      await send(
        t
          .http()
          .patch(`/users/${gone.body.id as string}`)
          .set(as)
          .send({ active: false }),
      );
      const id = (await send(t.http().post('/leads').send(validLead()))).body.id as string;
      const assign = (lead: string, body: object) =>
        send(t.http().put(`/leads/${lead}/assignee`).set(as).send(body));
      const statuses = [
        (await assign(id, { user_id: attorneyId })).status,
        (await assign(id, { user_id: 'nobody' })).status,
        (await assign(randomUUID(), { user_id: attorneyId })).status,
        (await assign(id, { user_id: gone.body.id as string })).status,
      ];
      expect(statuses).toEqual([200, 400, 404, 409]);
    });

    it('exports CSV (200, 400) and keeps an audit trail (200, 400)', async () => {
      const as = bearer(admin);
      const csv = await send(t.http().get('/leads/export.csv').set(as));
      expect(csv.status).toBe(200);
      expect((await send(t.http().get('/leads/export.csv?state=NOPE').set(as))).status).toBe(400);
      expect((await send(t.http().get('/audit').set(as))).status).toBe(200);
      expect((await send(t.http().get('/audit?action=nope').set(as))).status).toBe(400);
    });

    it('reports on intake (200, 400) to admins and attorneys', async () => {
      const lead = await send(
        t
          .http()
          .post('/leads')
          .send(validLead({ source: { utm_source: 'contract', referrer: 'https://a.example/' } })),
      );
      expect(lead.status).toBe(201);
      await send(
        t.http().put(`/leads/${lead.body.id}`).set(bearer(admin)).send({ state: 'REACHED_OUT' }),
      );
      const staff = await send(t.http().get(`/leads/${lead.body.id}`).set(bearer(admin)));
      expect(staff.body.source).toEqual({
        utm_source: 'contract',
        utm_medium: null,
        utm_campaign: null,
        referrer: 'https://a.example/',
      });
      for (const token of [admin, attorney]) {
        const report = await send(t.http().get('/reports/intake').set(bearer(token)));
        expect(report.status).toBe(200);
        expect(report.body.by_source).toEqual(
          expect.arrayContaining([expect.objectContaining({ source: 'contract', total: 1 })]),
        );
        expect(report.body.time_to_first_contact.median_minutes).toEqual(expect.any(Number));
      }
      const bad = await send(
        t.http().get('/reports/intake?from=2026-02-01&to=2026-01-01').set(bearer(admin)),
      );
      expect(bad.status).toBe(400);
    });

    it('manages API keys (200, 201, 400, 204, 404)', async () => {
      const as = bearer(admin);
      const key = await send(
        t
          .http()
          .post('/api-keys')
          .set(as)
          .send({ name: 'CRM', scopes: ['leads:read'] }),
      );
      const remove = (id: string) => send(t.http().delete(`/api-keys/${id}`).set(as));
      const statuses = [
        key.status,
        (
          await send(
            t
              .http()
              .post('/api-keys')
              .set(as)
              .send({ name: 'x', scopes: ['all'] }),
          )
        ).status,
        (await send(t.http().get('/api-keys').set(as))).status,
        (await remove(key.body.id as string)).status,
        (await remove('42')).status,
        (await remove(randomUUID())).status,
      ];
      expect(statuses).toEqual([201, 400, 200, 204, 400, 404]);
    });

    it('manages webhooks (200, 201, 400, 204, 404) and shows their delivery log', async () => {
      const as = bearer(admin);
      // A public address literal: the SSRF check needs no DNS, and no lead event follows while
      // the endpoint exists (it only hears of reassignments, and is deleted below).
      const hook = await send(
        t
          .http()
          .post('/webhooks')
          .set(as)
          .send({ url: 'https://93.184.215.14/hooks', events: ['lead.assigned'] }),
      );
      const id = hook.body.id as string;
      const unknown = randomUUID();
      const rotate = (webhook: string) =>
        send(t.http().post(`/webhooks/${webhook}/rotate-secret`).set(as));
      const log = (webhook: string) =>
        send(t.http().get(`/webhooks/${webhook}/deliveries`).set(as));
      const remove = (webhook: string) => send(t.http().delete(`/webhooks/${webhook}`).set(as));
      const refused = (url: string) =>
        send(
          t
            .http()
            .post('/webhooks')
            .set(as)
            .send({ url, events: ['lead.created'] }),
        );
      const statuses = [
        hook.status,
        (await refused('https://127.0.0.1/hooks')).status,
        (await send(t.http().get('/webhooks').set(as))).status,
        (await rotate(id)).status,
        (await rotate('42')).status,
        (await rotate(unknown)).status,
        (await log(id)).status,
        (await log('42')).status,
        (await log(unknown)).status,
        (await remove(id)).status,
        (await remove('42')).status,
        (await remove(id)).status,
      ];
      expect(statuses).toEqual([201, 400, 200, 200, 400, 404, 200, 400, 404, 204, 400, 404]);
    });

    it('erases a lead (204, 400, 404), which then answers 410', async () => {
      const as = bearer(admin);
      const created = await send(
        t
          .http()
          .post('/leads')
          .field('first_name', 'Erin')
          .field('last_name', 'Erased')
          .field('email', 'erin@example.com')
          .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: 'application/pdf' }),
      );
      const id = created.body.id as string;
      const erase = (lead: string) => send(t.http().delete(`/leads/${lead}`).set(as));
      const statuses = [
        (await erase(id)).status,
        (await erase('42')).status,
        (await erase(randomUUID())).status,
        (await send(t.http().get(`/leads/${id}`).set(as))).status,
        (await send(t.http().get(`/leads/${id}/resume`).set(as))).status,
      ];
      expect(statuses).toEqual([204, 400, 404, 410, 410]);
    });
  });

  describe('rules every operation follows', () => {
    it('answers 401 + WWW-Authenticate on every secured operation without a token', async () => {
      const secured = operations((op) => (op.security as unknown[]).length > 0);
      expect(secured.length).toBeGreaterThan(0);
      for (const [method, path] of secured) {
        expect([method, path, (await send(call(method, path))).status]).toEqual([
          method,
          path,
          401,
        ]);
      }
    });

    it('answers 403 to an attorney on every operation that documents it', async () => {
      const adminOnly = operations((op) => '403' in (op.responses as object));
      expect(adminOnly.length).toBeGreaterThan(0);
      for (const [method, path] of adminOnly) {
        const res = await send(call(method, path).set(bearer(attorney)));
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
    });

    it('answers 413 (too large) and 415 (charset) on every operation with a request body', async () => {
      const withBody = operations((op) => op.requestBody !== undefined);
      expect(withBody.length).toBeGreaterThan(0);
      for (const [method, path] of withBody) {
        const big = await send(
          call(method, path)
            .set(bearer(admin))
            .send({ padding: 'x'.repeat(200_000) }),
        );
        const latin1 = await send(
          call(method, path)
            .set(bearer(admin))
            .set('Content-Type', 'application/json; charset=iso-8859-1')
            .send('{}'),
        );
        expect([method, path, big.status, latin1.status]).toEqual([method, path, 413, 415]);
      }
    });
  });

  describe('the README walkthrough through the generated client (openapi-fetch)', () => {
    it('runs token → submit → list → REACHED_OUT → detail, every answer as documented', async () => {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const problems: string[] = [];
      const checked: string[] = [];
      const result = await readmeWalkthrough(`http://127.0.0.1:${port}`, ADMIN, {
        async onResponse({ request, response }) {
          const copy = response.clone();
          const type = copy.headers.get('content-type') ?? '';
          checked.push(`${request.method} ${copy.status}`);
          problems.push(
            ...contract.check({
              method: request.method,
              path: new URL(request.url).pathname,
              status: copy.status,
              headers: Object.fromEntries(copy.headers.entries()),
              body: type.includes('json') ? await copy.json() : undefined,
            }),
          );
        },
      });
      expect(problems).toEqual([]);
      expect(checked).toEqual([
        'POST 200',
        'POST 201',
        'GET 200',
        'GET 200',
        'PUT 200',
        'PUT 409',
        'GET 200',
      ]);
      expect(result).toMatchObject({
        tokenType: 'bearer',
        location: `/leads/${result.submitted.id}`,
        pendingBy: null,
        reachedOutBy: ADMIN.email,
        refusedStatus: 409,
        history: [`PENDING → REACHED_OUT by ${ADMIN.email}`],
      });
      expect(result.total).toBeGreaterThan(0);
      expect(result.reachedOutAt).toEqual(expect.any(String));
    });
  });

  describe('rate limits (an instance with low limits)', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await startTestApp({
        THROTTLE_LEADS_PER_MINUTE: '1',
        THROTTLE_LOGIN_FAILURES_PER_MINUTE: '1',
      });
    });
    afterAll(() => limited.close());

    it('answers 429 + Retry-After to too many submits and too many failed sign-ins', async () => {
      await send(limited.http().post('/leads').send(validLead()));
      const submit = await send(limited.http().post('/leads').send(validLead()));
      const signIn = () =>
        send(
          limited
            .http()
            .post('/auth/token')
            .type('form')
            .send({ grant_type: 'password', username: 'x@firm.test', password: 'wrong' }),
        );
      await signIn();
      const login = await signIn();
      expect([submit.status, login.status]).toEqual([429, 429]);
    });
  });

  describe('coverage of the document', () => {
    it('found no answer that departs from the document', () => {
      expect(contract.mismatches).toEqual([]);
    });

    it('saw every status the document declares, for every operation', () => {
      const unseen = contract
        .documentedStatuses()
        .filter((s) => !contract.answered.has(s) && !(s in NOT_PROVOKED));
      expect(unseen).toEqual([]);
    });
  });
});
