import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'attorney-pass-phrase';
const USER_KEYS = [
  'accepts_leads',
  'active',
  'created_at',
  'email',
  'id',
  'name',
  'role',
  'updated_at',
];
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const BCRYPT_HASH = /\$2[aby]\$/;

type Method = 'get' | 'post' | 'patch';

describe('Users (e2e)', () => {
  let t: TestApp;
  let admin: string;
  /** Every password this suite sends: no answer may ever contain one. */
  const secrets = new Set<string>([ADMIN.password, PASSWORD]);
  let swept = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  /**
   * Every request of this suite goes through here, and every JSON answer is swept for secrets:
   * a successful answer never mentions a password or a hash at all; no answer, errors included
   * (whose messages may name the `password` field), carries a bcrypt hash or a password we sent.
   */
  const call = async (
    method: Method,
    path: string,
    token: string,
    body?: Record<string, unknown>,
  ): Promise<Response> => {
    if (typeof body?.password === 'string') secrets.add(body.password);
    const req = t.http()[method](path).auth(token, { type: 'bearer' });
    const res = body === undefined ? await req : await req.send(body);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const text = JSON.stringify(res.body);
    if (res.status < 400) expect(text).not.toMatch(/password|hash|\$2[aby]\$/i);
    expect(text).not.toMatch(BCRYPT_HASH);
    for (const secret of secrets) expect(text).not.toContain(secret);
    swept += 1;
    return res;
  };

  const createUser = (body: Record<string, unknown>) => call('post', '/users', admin, body);
  const attorneyBody = (overrides: Record<string, unknown> = {}) => ({
    email: `atticus-${randomUUID()}@firm.test`,
    name: 'Atticus Finch',
    password: PASSWORD,
    role: 'attorney',
    ...overrides,
  });
  const userCount = async () => (await call('get', '/users', admin)).body.length as number;

  const expectUser = (body: Record<string, unknown>) => {
    expect(Object.keys(body).sort()).toEqual(USER_KEYS);
    expect(body.created_at).toMatch(ISO_TIME);
    expect(body.updated_at).toMatch(ISO_TIME);
  };

  describe('POST /users', () => {
    it('creates an attorney: 201 with id, email, name, role, active and times, and nothing else', async () => {
      const res = await createUser(attorneyBody({ email: '  Atticus.Finch@Firm.TEST ' }));
      expect(res.status).toBe(201);
      expectUser(res.body);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        email: 'atticus.finch@firm.test',
        name: 'Atticus Finch',
        role: 'attorney',
        active: true,
      });
      for (const key of ['password', 'password_hash', 'passwordHash', 'hash', 'token_version']) {
        expect(res.body).not.toHaveProperty(key);
      }
      // The password given is the one stored.
      await expect(t.tokenFor('atticus.finch@firm.test', PASSWORD)).resolves.toEqual(
        expect.any(String),
      );
    });

    it('answers 409 for an email already in use, whatever its letter case', async () => {
      const body = attorneyBody();
      expect((await createUser(body)).status).toBe(201);
      const before = await userCount();
      for (const email of [body.email, body.email.toUpperCase()]) {
        const res = await createUser(attorneyBody({ email, name: 'Someone Else' }));
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      }
      expect(await userCount()).toBe(before);
    });

    it('rejects an 11-character password with 400 naming the field, and accepts 12', async () => {
      const before = await userCount();
      const short = await createUser(attorneyBody({ password: 'elevenchars' }));
      expect(short.status).toBe(400);
      expect(short.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(short.body.message).toEqual(
        expect.arrayContaining([expect.stringMatching(/^password .*at least 12 characters/)]),
      );
      expect(await userCount()).toBe(before);
      expect((await createUser(attorneyBody({ password: 'twelve-chars' }))).status).toBe(201);
    });

    it.each([
      ['an unknown role', { role: 'superuser' }, 'role must be one of'],
      ['a missing role', { role: undefined }, 'role is required'],
      ['an invalid email', { email: 'not-an-email' }, 'email must be a valid email address'],
      ['an empty name', { name: '  ' }, 'name must be longer than or equal to 1'],
      ['a missing password', { password: undefined }, 'password is required'],
      ['a password over 72 bytes', { password: 'p'.repeat(73) }, 'password must be at most 72'],
    ])('rejects %s with 400 and creates nobody', async (_what, change, problem) => {
      const before = await userCount();
      const res = await createUser(attorneyBody(change));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toEqual([expect.stringContaining(problem)]);
      expect(await userCount()).toBe(before);
    });

    it.each([
      ['active', false],
      ['token_version', 0],
      ['password_hash', '$2b$04$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234'],
      ['id', randomUUID()],
    ])('rejects the unknown field %s with 400 naming it', async (field, value) => {
      const before = await userCount();
      const res = await createUser(attorneyBody({ [field]: value }));
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(
        expect.arrayContaining([expect.stringContaining(`property ${field} should not exist`)]),
      );
      expect(await userCount()).toBe(before);
    });
  });

  describe('GET /users and /users/me', () => {
    let attorney: { id: string; email: string; token: string };

    beforeAll(async () => {
      const body = attorneyBody({ name: 'Listed Attorney' });
      const res = await createUser(body);
      attorney = {
        id: res.body.id,
        email: body.email,
        token: await t.tokenFor(body.email, PASSWORD),
      };
    });

    it('lists users, admin first, each in the public shape', async () => {
      const res = await call('get', '/users', admin);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      res.body.forEach(expectUser);
      expect(res.body[0]).toMatchObject({ email: ADMIN.email, role: 'admin', active: true });
      expect(res.body).toContainEqual(
        expect.objectContaining({ id: attorney.id, name: 'Listed Attorney', role: 'attorney' }),
      );
    });

    it('shows an attorney their own record', async () => {
      const res = await call('get', '/users/me', attorney.token);
      expect(res.status).toBe(200);
      expectUser(res.body);
      expect(res.body).toMatchObject({ id: attorney.id, email: attorney.email, role: 'attorney' });
    });

    it('shows the admin their own record', async () => {
      const res = await call('get', '/users/me', admin);
      expect(res.status).toBe(200);
      expectUser(res.body);
      expect(res.body).toMatchObject({ email: ADMIN.email, role: 'admin', active: true });
    });

    it('answers 401 on /users/me without a token', async () => {
      const res = await t.http().get('/users/me');
      expect(res.status).toBe(401);
    });
  });

  describe('PATCH /users/{id}', () => {
    const newAttorney = async () => {
      const body = attorneyBody();
      const res = await createUser(body);
      expect(res.status).toBe(201);
      return { ...(res.body as { id: string; email: string; updated_at: string }) };
    };

    it('renames a user and moves updated_at forward', async () => {
      const user = await newAttorney();
      const res = await call('patch', `/users/${user.id}`, admin, { name: '  Atticus F. ' });
      expect(res.status).toBe(200);
      expectUser(res.body);
      expect(res.body).toMatchObject({ id: user.id, name: 'Atticus F.', role: 'attorney' });
      expect(Date.parse(res.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(user.updated_at));
      const listed = (await call('get', '/users', admin)).body.find(
        (u: { id: string }) => u.id === user.id,
      );
      expect(listed.name).toBe('Atticus F.');
    });

    it('promotes an attorney to admin, who can then list users', async () => {
      const user = await newAttorney();
      const before = await t.tokenFor(user.email, PASSWORD);
      expect((await call('get', '/users', before)).status).toBe(403);
      const res = await call('patch', `/users/${user.id}`, admin, { role: 'admin' });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('admin');
      const after = await t.tokenFor(user.email, PASSWORD);
      expect((await call('get', '/users', after)).status).toBe(200);
    });

    it('deactivates and reactivates a user, and only an active user signs in', async () => {
      const user = await newAttorney();
      const off = await call('patch', `/users/${user.id}`, admin, { active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      await expect(t.tokenFor(user.email, PASSWORD)).rejects.toThrow(/login failed: 400/);
      const on = await call('patch', `/users/${user.id}`, admin, { active: true });
      expect(on.body.active).toBe(true);
      await expect(t.tokenFor(user.email, PASSWORD)).resolves.toEqual(expect.any(String));
    });

    it('changes a password without ever echoing it', async () => {
      const user = await newAttorney();
      const res = await call('patch', `/users/${user.id}`, admin, {
        password: 'brand-new-secret-phrase',
      });
      expect(res.status).toBe(200);
      expectUser(res.body);
      await expect(t.tokenFor(user.email, 'brand-new-secret-phrase')).resolves.toEqual(
        expect.any(String),
      );
    });

    it.each([
      ['a short password', { password: 'too-short' }],
      ['an unknown role', { role: 'owner' }],
      ['a non-boolean active', { active: 'no' }],
      ['an unknown field', { email: 'new@firm.test' }],
    ])('rejects %s with 400 and changes nothing', async (_what, change) => {
      const user = await newAttorney();
      const res = await call('patch', `/users/${user.id}`, admin, change);
      expect(res.status).toBe(400);
      const listed = (await call('get', '/users', admin)).body.find(
        (u: { id: string }) => u.id === user.id,
      );
      expect(listed).toMatchObject({ email: user.email, role: 'attorney', active: true });
      await expect(t.tokenFor(user.email, PASSWORD)).resolves.toEqual(expect.any(String));
    });

    it('answers 404 "User not found" for an unknown id', async () => {
      const res = await call('patch', `/users/${randomUUID()}`, admin, { name: 'Nobody' });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'User not found' });
    });

    it('answers 400 for a malformed id', async () => {
      const res = await call('patch', '/users/not-a-uuid', admin, { name: 'Nobody' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });
  });

  it('swept every JSON answer of this suite for secrets', () => {
    // Guards the sweep itself: if `call` stopped being used, this count would drop.
    expect(swept).toBeGreaterThan(50);
  });
});
