import { randomBytes } from 'node:crypto';
import { findInDatabase } from '../support/database-bytes';
import { MIME, makePdf } from '../support/documents';
import { usingPostgres } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Letters only (names refuse little else, but digits would make a weaker needle). */
const word = (n = 10) =>
  [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');

describe('Lead erasure (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    // A webhook endpoint, so a delivery body holds a copy of the lead's data too.
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    admin = await t.adminToken();
    await t
      .http()
      .post('/webhooks')
      .auth(admin, { type: 'bearer' })
      .send({ url: `${receiver.url}/crm`, events: ['lead.created'] })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const auth = { type: 'bearer' as const };

  it('leaves no name, e-mail or CV byte in the database files, keeps the count, and is audited', async () => {
    const first = `Zq${word()}`;
    const last = `Xv${word()}`;
    const email = `${word()}@example.com`;
    const marker = `CVMARK${word(12).toUpperCase()}`;
    const cv = makePdf(`Curriculum vitae ${marker}`);
    const campaign = `camp${word(12)}`;
    const referrer = `https://${word()}.example/${word()}`;
    const created = await t
      .http()
      .post('/leads')
      .field('first_name', first)
      .field('last_name', last)
      .field('email', email)
      .field('utm_source', `src${word(12)}`)
      .field('utm_campaign', campaign)
      .field('referrer', referrer)
      .attach('resume', cv, { filename: 'cv.pdf', contentType: MIME.pdf })
      .expect(201);
    const id = (created.body as { id: string }).id;
    // Both mails sent (the prospect's address sits on its notification row).
    await waitFor(() => t.smtp.to(email).length === 1 && t.smtp.messages.length >= 2, {
      what: 'the two mails',
    });
    const webhooks = () => receiver.of('lead.created', id);
    await waitFor(() => webhooks().length > 0, { what: 'the lead.created webhook' });
    expect(webhooks()[0].body).toContain(email);
    await t.http().get(`/leads/${id}/resume`).auth(admin, auth).expect(200);
    const csv = await t.http().get(`/leads/export.csv?q=${last}`).auth(admin, auth).expect(200);
    expect(csv.text).toContain(email);
    const found = await t.http().get(`/leads?q=${last}`).auth(admin, auth).expect(200);
    expect(found.body).toHaveLength(1);
    // Before: the needles are there, so the search below can fail.
    expect(
      (await findInDatabase(t, [first, email, marker, campaign, referrer])).length,
    ).toBeGreaterThan(0);
    if (usingPostgres()) {
      expect(await findInDatabase(t, [email])).toContain(`webhook_deliveries: "${email}"`);
    }
    const before = Number(
      (await t.http().get('/leads?limit=1').auth(admin, auth)).headers['x-total-count'],
    );

    await t.http().delete(`/leads/${id}`).auth(admin, auth).expect(204);

    expect(await findInDatabase(t, [first, last, email, marker, campaign, referrer])).toEqual([]);
    expect((await t.http().get(`/leads/${id}`).auth(admin, auth)).status).toBe(410);
    expect((await t.http().get(`/leads/${id}/resume`).auth(admin, auth)).status).toBe(410);
    expect((await t.http().get(`/leads?q=${last}`).auth(admin, auth)).body).toEqual([]);
    const list = await t.http().get('/leads?limit=100').auth(admin, auth).expect(200);
    expect(Number(list.headers['x-total-count'])).toBe(before);
    const row = (list.body as { id: string; first_name: string; email: string }[]).find(
      (l) => l.id === id,
    );
    expect(row).toMatchObject({
      first_name: '[erased]',
      email: '[erased]',
      state: 'PENDING',
      source: null,
    });
    // Erasing again changes nothing and still answers 204.
    await t.http().delete(`/leads/${id}`).auth(admin, auth).expect(204);

    const audit = await t.http().get(`/audit?lead_id=${id}`).auth(admin, auth).expect(200);
    const actions = (audit.body as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['lead.resume_downloaded', 'lead.erased']));
    const exported = await t.http().get('/audit?action=leads.exported').auth(admin, auth);
    expect(exported.body).toHaveLength(1);
  });

  it('is for admins only; 404 for an unknown lead', async () => {
    await t
      .http()
      .post('/users')
      .auth(admin, auth)
      .send({
        email: 'att@firm.test',
        name: 'Att',
        password: 'attorney-pass-phrase',
        role: 'attorney',
      })
      .expect(201);
    const attorney = await t.tokenFor('att@firm.test', 'attorney-pass-phrase');
    const created = await t
      .http()
      .post('/leads')
      .send({
        first_name: 'A',
        last_name: 'B',
        email: 'ab@example.com',
        resume: 'https://x.example/cv.pdf',
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    expect((await t.http().delete(`/leads/${id}`).auth(attorney, auth)).status).toBe(403);
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await t.http().delete(`/leads/${unknown}`).auth(admin, auth)).status).toBe(404);
  });
});
