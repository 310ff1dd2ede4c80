import { findInDatabase } from '../support/database-bytes';
import { startTestApp, validLead, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
  last_used_at: string | null;
}

describe('API keys (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let leadId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const res = await t.http().post('/leads').send(validLead()).expect(201);
    leadId = (res.body as { id: string }).id;
  });
  afterAll(() => t.close());

  const createKey = async (scopes: string[], name = 'CRM sync'): Promise<CreatedKey> => {
    const res = await t
      .http()
      .post('/api-keys')
      .auth(admin, { type: 'bearer' })
      .send({ name, scopes });
    expect(res.status).toBe(201);
    return res.body as CreatedKey;
  };
  const as = (key: string) => ({ type: 'bearer' as const, key });
  const get = (path: string, key: string) => t.http().get(path).auth(as(key).key, as(key));

  it('shows a lik_ key with 32+ random bytes once, and never lists it again', async () => {
    const created = await createKey(['leads:read']);
    expect(created.key).toMatch(/^lik_[\w-]{43,}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const list = await t.http().get('/api-keys').auth(admin, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    expect((list.body as { id: string }[]).map((k) => k.id)).toContain(created.id);
  });

  it('a leads:read key lists and reads leads, gets 403 on changes and admin routes, 401 once deleted', async () => {
    const { id, key } = await createKey(['leads:read']);
    const list = await get('/leads', key).expect(200);
    expect((list.body as { id: string }[]).map((l) => l.id)).toContain(leadId);
    await get(`/leads/${leadId}`, key).expect(200);

    const change = await t
      .http()
      .put(`/leads/${leadId}`)
      .auth(key, { type: 'bearer' })
      .send({ state: 'REACHED_OUT' });
    expect(change.status).toBe(403);
    expect(change.body).toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/leads:write/),
    });
    for (const path of ['/users', '/users/me', '/api-keys', '/notifications']) {
      expect((await get(path, key)).status).toBe(403);
    }
    const mint = await t
      .http()
      .post('/api-keys')
      .auth(key, { type: 'bearer' })
      .send({ name: 'escalate', scopes: ['leads:write'] });
    expect(mint.status).toBe(403);

    await t.http().delete(`/api-keys/${id}`).auth(admin, { type: 'bearer' }).expect(204);
    const after = await get('/leads', key);
    expect(after.status).toBe(401);
    expect(after.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it('a leads:write key changes a lead’s state; an unknown key of the right shape is 401', async () => {
    const { key } = await createKey(['leads:read', 'leads:write']);
    const res = await t
      .http()
      .put(`/leads/${leadId}`)
      .auth(key, { type: 'bearer' })
      .send({ state: 'REACHED_OUT' })
      .expect(200);
    expect((res.body as { state: string }).state).toBe('REACHED_OUT');
    const forged = `${key.slice(0, 12)}${'A'.repeat(key.length - 12)}`;
    expect((await get('/leads', forged)).status).toBe(401);
  });

  it('records last_used_at', async () => {
    const { id, key } = await createKey(['leads:read']);
    await get('/leads', key).expect(200);
    await waitFor(
      async () => {
        const list = await t.http().get('/api-keys').auth(admin, { type: 'bearer' }).expect(200);
        return (list.body as CreatedKey[]).find((k) => k.id === id)?.last_used_at;
      },
      { what: 'last_used_at' },
    );
  });

  it('rejects bad bodies with 400', async () => {
    for (const body of [
      { name: 'x', scopes: ['leads:delete'] },
      { name: 'x', scopes: [] },
      { name: '', scopes: ['leads:read'] },
      { scopes: ['leads:read'] },
    ]) {
      const res = await t.http().post('/api-keys').auth(admin, { type: 'bearer' }).send(body);
      expect(res.status).toBe(400);
    }
  });

  it('stores no key in the database, only its hash', async () => {
    const { key } = await createKey(['leads:read'], 'stored-check');
    await get('/leads', key).expect(200);
    expect(await findInDatabase(t, [key, key.slice(12)])).toEqual([]);
    // The check can fail: the key's prefix is stored, so it is found.
    expect((await findInDatabase(t, [key.slice(0, 12)])).length).toBeGreaterThan(0);
  });
});
