import { startTestApp, validLead, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const TOKEN = 'metrics-token-for-e2e-0123456789';

describe('GET /metrics (e2e)', () => {
  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ METRICS_TOKEN: TOKEN });
    });
    afterAll(() => t.close());

    const scrape = () => t.http().get('/metrics').auth(TOKEN, { type: 'bearer' });

    it('refuses a missing or wrong token with 401', async () => {
      expect((await t.http().get('/metrics')).status).toBe(401);
      const wrong = await t.http().get('/metrics').auth(`${TOKEN}x`, { type: 'bearer' });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ statusCode: 401 });
      // A staff token is not the metrics token.
      const staff = await t.adminToken();
      expect((await t.http().get('/metrics').auth(staff, { type: 'bearer' })).status).toBe(401);
    });

    it('answers Prometheus text: requests by route template, leads, backlogs, sign-in refusals', async () => {
      const lead = await t.http().post('/leads').send(validLead()).expect(201);
      const id = (lead.body as { id: string }).id;
      const admin = await t.adminToken();
      await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' }).expect(200);
      await t
        .http()
        .post('/auth/token')
        .type('form')
        .send({
          grant_type: 'password',
          username: 'nobody@firm.test',
          password: 'wrong-password-1',
        })
        .expect(400);
      const text = await waitFor(
        async () => {
          const res = await scrape().expect(200);
          const body = res.text;
          return /^leads_created_total 1$/m.test(body) ? body : null;
        },
        { what: 'leads_created_total 1' },
      );
      expect(text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/leads\/:id",status="200"\} 1/,
      );
      expect(text).not.toContain(id);
      expect(text).toMatch(/^outbox_backlog \d+$/m);
      expect(text).toMatch(/^# TYPE notifications gauge$/m);
      expect(text).toMatch(/^sign_in_refusals_total\{outcome="failed"\} 1$/m);
      expect(text).toMatch(/^# TYPE webhook_delivery_attempts_total counter$/m);
    });
  });

  describe('without METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ METRICS_TOKEN: '' });
    });
    afterAll(() => t.close());

    it('answers 404, token or not', async () => {
      expect((await t.http().get('/metrics')).status).toBe(404);
      expect((await t.http().get('/metrics').auth(TOKEN, { type: 'bearer' })).status).toBe(404);
    });
  });
});
