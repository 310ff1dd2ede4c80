import { randomUUID } from 'node:crypto';
import { startTestApp, validLead, type TestApp } from '../support/test-app';

interface AuditRow {
  action: string;
  user_id: string | null;
  api_key_id: string | null;
  lead_id: string | null;
  target_id: string | null;
}

describe('Audit trail (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const me = await t.http().get('/users/me').auth(admin, { type: 'bearer' }).expect(200);
    adminId = (me.body as { id: string }).id;
  });
  afterAll(() => t.close());

  const audit = async (query: string): Promise<AuditRow[]> => {
    const res = await t.http().get(`/audit?${query}`).auth(admin, { type: 'bearer' }).expect(200);
    return res.body as AuditRow[];
  };

  it('records who viewed and changed a lead, and filters by lead, user and action', async () => {
    const lead = validLead();
    const created = await t.http().post('/leads').send(lead).expect(201);
    const leadId = (created.body as { id: string }).id;
    await t.http().get(`/leads/${leadId}`).auth(admin, { type: 'bearer' }).expect(200);
    await t
      .http()
      .put(`/leads/${leadId}`)
      .auth(admin, { type: 'bearer' })
      .send({ state: 'REACHED_OUT' })
      .expect(200);
    const rows = await audit(`lead_id=${leadId}`);
    expect(rows.map((r) => r.action)).toEqual(['lead.state_changed', 'lead.viewed']);
    expect(rows.every((r) => r.user_id === adminId && r.lead_id === leadId)).toBe(true);
    expect((await audit(`lead_id=${leadId}&action=lead.viewed`)).length).toBe(1);
    expect((await audit(`user_id=${randomUUID()}`)).length).toBe(0);
    // Ids only: nothing the prospect typed.
    const all = JSON.stringify(await audit('limit=100'));
    for (const value of [lead.email, lead.first_name, lead.last_name]) {
      expect(all).not.toContain(value);
    }
  });

  it('records user and API key management with the target, paginated with headers', async () => {
    const user = await t
      .http()
      .post('/users')
      .auth(admin, { type: 'bearer' })
      .send({
        email: `a-${randomUUID()}@firm.test`,
        name: 'Atticus',
        password: 'attorney-pass-phrase',
        role: 'attorney',
      })
      .expect(201);
    const key = await t
      .http()
      .post('/api-keys')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'CRM', scopes: ['leads:read'] })
      .expect(201);
    const keyId = (key.body as { id: string }).id;
    await t.http().delete(`/api-keys/${keyId}`).auth(admin, { type: 'bearer' }).expect(204);
    expect((await audit('action=user.created'))[0].target_id).toBe(
      (user.body as { id: string }).id,
    );
    expect((await audit('action=api_key.created'))[0].target_id).toBe(keyId);
    expect((await audit('action=api_key.revoked'))[0].target_id).toBe(keyId);

    const page = await t.http().get('/audit?limit=1').auth(admin, { type: 'bearer' }).expect(200);
    expect(Number(page.headers['x-total-count'])).toBeGreaterThan(1);
    expect(page.headers.link).toContain('rel="next"');
  });

  it('records what an API key did under the key and its admin', async () => {
    const key = await t
      .http()
      .post('/api-keys')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'reader', scopes: ['leads:read'] })
      .expect(201);
    const { id: keyId, key: secret } = key.body as { id: string; key: string };
    const created = await t.http().post('/leads').send(validLead()).expect(201);
    const leadId = (created.body as { id: string }).id;
    await t.http().get(`/leads/${leadId}`).auth(secret, { type: 'bearer' }).expect(200);
    const [row] = await audit(`lead_id=${leadId}`);
    expect(row).toMatchObject({ action: 'lead.viewed', api_key_id: keyId, user_id: adminId });
  });

  it('is for admins only, and refuses bad filters with 400', async () => {
    await t
      .http()
      .post('/users')
      .auth(admin, { type: 'bearer' })
      .send({ email: 'b@firm.test', name: 'B', password: 'attorney-pass-phrase', role: 'attorney' })
      .expect(201);
    const attorney = await t.tokenFor('b@firm.test', 'attorney-pass-phrase');
    expect((await t.http().get('/audit').auth(attorney, { type: 'bearer' })).status).toBe(403);
    for (const q of ['lead_id=nope', 'action=lead.eaten', 'limit=0']) {
      expect((await t.http().get(`/audit?${q}`).auth(admin, { type: 'bearer' })).status).toBe(400);
    }
  });
});
