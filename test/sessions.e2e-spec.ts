import * as bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { makePdf } from './support/documents';
import { ADMIN, PUBLIC_LEAD_KEYS, startTestApp, validLead, type TestApp } from './support/test-app';

describe('Sessions, revocation and staff answers (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const revoke = (token: string) =>
    t.http().post('/auth/revoke').type('form').send({ token, token_type_hint: 'access_token' });

  describe('POST /auth/revoke (RFC 7009)', () => {
    it('ends the session: the token is refused afterwards, other sessions are not', async () => {
      const mine = await t.adminToken();
      const other = await t.adminToken();
      expect((await t.http().get('/users/me').auth(mine, { type: 'bearer' })).status).toBe(200);
      const res = await revoke(mine);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const after = await t.http().get('/users/me').auth(mine, { type: 'bearer' });
      expect(after.status).toBe(401);
      expect(after.headers['www-authenticate']).toContain('error="invalid_token"');
      expect((await t.http().get('/users/me').auth(other, { type: 'bearer' })).status).toBe(200);
    });

    it('answers 200 for a token it does not know or cannot read (§2.2), and twice for one token', async () => {
      expect((await revoke('not-a-token')).status).toBe(200);
      const token = await t.adminToken();
      expect((await revoke(token)).status).toBe(200);
      expect((await revoke(token)).status).toBe(200);
    });

    it('refuses a request without a token, or not form-encoded, in RFC 6749 §5.2 form', async () => {
      const missing = await t.http().post('/auth/revoke').type('form').send({});
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({
        error: 'invalid_request',
        error_description: 'Missing parameter: token',
      });
      const json = await t.http().post('/auth/revoke').send({ token: admin });
      expect(json.status).toBe(400);
      expect(json.body.error).toBe('invalid_request');
    });
  });

  it('marks every staff answer Cache-Control: no-store (lists, a lead, its CV, /users/me)', async () => {
    const created = await t
      .http()
      .post('/leads')
      .field('first_name', 'Ada')
      .field('last_name', 'Lovelace')
      .field('email', 'ada.cache@example.com')
      .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: 'application/pdf' });
    expect(created.status).toBe(201);
    for (const path of [
      '/leads',
      `/leads/${created.body.id}`,
      `/leads/${created.body.id}/resume`,
      '/users/me',
      '/users',
    ]) {
      const res = await t.http().get(path).auth(admin, { type: 'bearer' });
      expect(res.status).toBe(200);
      expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
    }
  });

  it('answers an Idempotency-Key replay with the same public view as the first answer', async () => {
    const key = randomUUID();
    const body = validLead();
    const first = await t.http().post('/leads').set('Idempotency-Key', key).send(body);
    const replay = await t.http().post('/leads').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(Object.keys(replay.body as object).sort()).toEqual(PUBLIC_LEAD_KEYS);
  });

  it('renews a password hash of another BCRYPT_COST at sign-in, and the old tokens stay valid', async () => {
    const db = t.app.get(DataSource);
    const email = `old-cost-${randomUUID()}@firm.test`;
    const password = 'old-cost-password-1';
    const created = await t
      .http()
      .post('/users')
      .auth(admin, { type: 'bearer' })
      .send({ email, name: 'Old Cost', password, role: 'attorney' });
    expect(created.status).toBe(201);
    const before = await t.tokenFor(email, password);
    // As if the user was created when BCRYPT_COST was 6 (the tests run at 4).
    const users = db.getRepository<{ email: string; passwordHash: string }>('User');
    await users.update({ email }, { passwordHash: await bcrypt.hash(password, 6) });
    await t.tokenFor(email, password);
    const renewed = (await users.findOneByOrFail({ email })).passwordHash;
    expect(bcrypt.getRounds(renewed)).toBe(4);
    await expect(bcrypt.compare(password, renewed)).resolves.toBe(true);
    expect((await t.http().get('/users/me').auth(before, { type: 'bearer' })).status).toBe(200);
  });

  describe('the last active admin', () => {
    const me = async (token: string) =>
      (await t.http().get('/users/me').auth(token, { type: 'bearer' })).body as { id: string };
    const patch = (token: string, id: string, change: Record<string, unknown>) =>
      t.http().patch(`/users/${id}`).auth(token, { type: 'bearer' }).send(change);

    it('cannot demote or deactivate itself (409), and stays an admin', async () => {
      const { id } = await me(admin);
      for (const change of [{ role: 'attorney' }, { active: false }]) {
        const res = await patch(admin, id, change);
        expect(res.status).toBe(409);
        expect(res.body.message).toBe('The last active admin cannot be demoted or deactivated');
      }
      expect(await me(admin)).toMatchObject({ role: 'admin', active: true });
    });

    it('can step down once another admin is active', async () => {
      const second = {
        email: `second-admin-${randomUUID()}@firm.test`,
        password: 'second-admin-pw-1',
      };
      const created = await t
        .http()
        .post('/users')
        .auth(admin, { type: 'bearer' })
        .send({ ...second, name: 'Second Admin', role: 'admin' });
      expect(created.status).toBe(201);
      const secondToken = await t.tokenFor(second.email, second.password);
      // The second admin may step down (the first remains) — and then the first may not.
      expect(
        (await patch(secondToken, created.body.id as string, { role: 'attorney' })).status,
      ).toBe(200);
      const { id } = await me(admin);
      expect((await patch(admin, id, { active: false })).status).toBe(409);
      expect((await t.tokenFor(ADMIN.email, ADMIN.password)).length).toBeGreaterThan(0);
    });
  });

  describe('refusals of the token endpoint in RFC 6749 §5.2 form', () => {
    it('415 for a charset the form parser does not take', async () => {
      const res = await t
        .http()
        .post('/auth/token')
        .set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-r')
        .send('grant_type=password&username=a&password=b');
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    });

    it('413 for a body over the form limit', async () => {
      const res = await t
        .http()
        .post('/auth/token')
        .type('form')
        .send(`grant_type=password&username=a&password=${'x'.repeat(20_000)}`);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    });
  });
});
