import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { ADMIN, JWT_SECRET, startTestApp, validLead, type TestApp } from './support/test-app';

const ISSUER = 'lead-intake';
const AUDIENCE = 'lead-intake-api';
const PASSWORD = 'attorney-password-123';

interface Claims {
  sub: string;
  role: string;
  ver: number;
  sid: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodePart = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const now = () => Math.floor(Date.now() / 1000);

describe('Auth (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let adminSid: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    adminId = (await t.http().get('/users/me').auth(admin, { type: 'bearer' })).body.id;
    adminSid = decodePart(admin.split('.')[1]).sid as string;
  });
  afterAll(() => t.close());

  const tokenRequest = (form: Record<string, string> | string) =>
    t.http().post('/auth/token').type('form').send(form);
  const login = (username: string, password: string) =>
    tokenRequest({ grant_type: 'password', username, password });
  const leadsWith = (token: string) => t.http().get('/leads').auth(token, { type: 'bearer' });

  /** A new user (made by the admin through the API) and a token of theirs. */
  const newUser = async (role: 'admin' | 'attorney' = 'attorney') => {
    const email = `${role}-${randomUUID()}@firm.test`;
    const res = await t
      .http()
      .post('/users')
      .auth(admin, { type: 'bearer' })
      .send({ email, name: 'Test User', password: PASSWORD, role });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email, token: await t.tokenFor(email, PASSWORD) };
  };
  const patchUser = (id: string, change: Record<string, unknown>) =>
    t.http().patch(`/users/${id}`).auth(admin, { type: 'bearer' }).send(change);

  /** Signs claims the way the service does (same secret, issuer, audience), unless told otherwise. */
  const sign = (claims: Partial<Claims>, secret = JWT_SECRET) =>
    jwt.sign(
      { sub: adminId, role: 'admin', ver: 0, sid: adminSid, iss: ISSUER, aud: AUDIENCE, ...claims },
      secret,
      { algorithm: 'HS256', ...(claims.exp === undefined ? { expiresIn: 300 } : {}) },
    );

  const expectInvalidToken = (res: Response) => {
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  };

  describe('POST /auth/token', () => {
    it('answers 200 with a bearer token, its lifetime and Cache-Control: no-store', async () => {
      const res = await login(ADMIN.email, ADMIN.password);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.pragma).toBe('no-cache');
      expect(res.body).toEqual({
        access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        token_type: 'bearer',
        expires_in: 900,
        refresh_token: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
      });
      expect((await leadsWith(res.body.access_token)).status).toBe(200);
    });

    it('issues an HS256 JWT carrying sub, role, iat, exp, iss and aud', async () => {
      const res = await login(ADMIN.email, ADMIN.password);
      const [header, payload] = (res.body.access_token as string).split('.');
      expect(decodePart(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
      const claims = jwt.verify(res.body.access_token, JWT_SECRET, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      }) as Claims;
      expect(decodePart(payload)).toEqual(claims);
      expect(claims).toMatchObject({ sub: adminId, role: 'admin', iss: ISSUER, aud: AUDIENCE });
      expect(claims.exp - claims.iat).toBe(res.body.expires_in);
      expect(Math.abs(claims.iat - now())).toBeLessThan(30);
    });

    it('accepts the username in any letter case', async () => {
      const res = await login(ADMIN.email.toUpperCase(), ADMIN.password);
      expect(res.status).toBe(200);
    });

    it('rejects a JSON body with 400 invalid_request, even with good credentials', async () => {
      const res = await t
        .http()
        .post('/auth/token')
        .send({ grant_type: 'password', username: ADMIN.email, password: ADMIN.password });
      expect(res.status).toBe(400);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    });

    it.each(['grant_type', 'username', 'password'])(
      'rejects a request without %s with 400 invalid_request',
      async (missing) => {
        const form: Record<string, string> = {
          grant_type: 'password',
          username: ADMIN.email,
          password: ADMIN.password,
        };
        delete form[missing];
        const res = await tokenRequest(form);
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          error: 'invalid_request',
          error_description: expect.stringContaining(missing),
        });
      },
    );

    it('rejects grant_type=client_credentials with 400 unsupported_grant_type', async () => {
      const res = await tokenRequest({
        grant_type: 'client_credentials',
        username: ADMIN.email,
        password: ADMIN.password,
        client_id: 'x',
        client_secret: 'y',
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'unsupported_grant_type',
        error_description: expect.any(String),
      });
    });

    it.each([
      ['grant_type', 'password'],
      ['username', 'nobody@firm.test'],
      ['password', ADMIN.password],
    ])('rejects a repeated %s parameter with 400 invalid_request', async (name, again) => {
      const form = new URLSearchParams({
        grant_type: 'password',
        username: ADMIN.email,
        password: ADMIN.password,
      });
      form.append(name, again);
      const res = await tokenRequest(form.toString());
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'invalid_request',
        error_description: expect.stringContaining(name),
      });
    });

    it('answers a wrong password, an unknown user and a deactivated user with the same 400 invalid_grant', async () => {
      const gone = await newUser();
      expect((await patchUser(gone.id, { active: false })).status).toBe(200);

      const wrong = await login(ADMIN.email, 'not-the-admin-password');
      const unknown = await login(`nobody-${randomUUID()}@firm.test`, ADMIN.password);
      const deactivated = await login(gone.email, PASSWORD);
      for (const res of [wrong, unknown, deactivated]) {
        expect(res.status).toBe(400);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['www-authenticate']).toBeUndefined();
      }
      expect(wrong.body).toEqual({
        error: 'invalid_grant',
        error_description: expect.any(String),
      });
      expect(unknown.text).toBe(wrong.text);
      expect(deactivated.text).toBe(wrong.text);
    });
  });

  describe('bearer tokens on GET /leads', () => {
    it('answers 401 with WWW-Authenticate: Bearer and no error code when no token is sent', async () => {
      const res = await t.http().get('/leads');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="[^"]+"$/);
    });

    it('accepts a token signed here with the service’s secret and claims (control for the forgeries below)', async () => {
      expect((await leadsWith(sign({}))).status).toBe(200);
    });

    it('rejects a garbage token with 401', async () => {
      expectInvalidToken(await leadsWith('not-a-jwt'));
      expectInvalidToken(await leadsWith('a.b.c'));
    });

    it('rejects a token sent with another scheme with 401', async () => {
      const res = await t.http().get('/leads').set('Authorization', `Basic ${admin}`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('rejects an expired token with 401 and says it expired', async () => {
      const res = await leadsWith(sign({ iat: now() - 3600, exp: now() - 60 }));
      expectInvalidToken(res);
      expect(res.body.message).toBe('Token has expired');
    });

    it('rejects a token signed with another secret with 401', async () => {
      expectInvalidToken(await leadsWith(sign({}, 'another-secret-0123456789-abcdefghijklmnop')));
    });

    it('rejects an alg:none token with 401', async () => {
      const claims = { sub: adminId, role: 'admin', ver: 0, iss: ISSUER, aud: AUDIENCE };
      const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({
        ...claims,
        iat: now(),
        exp: now() + 300,
      })}.`;
      expectInvalidToken(await leadsWith(unsigned));
    });

    it('rejects a token whose payload was changed (role → admin) with 401, not 200 or 403', async () => {
      const attorney = await newUser('attorney');
      const [header, payload, signature] = attorney.token.split('.');
      const forged = `${header}.${b64url({ ...decodePart(payload), role: 'admin' })}.${signature}`;
      expectInvalidToken(await t.http().get('/users').auth(forged, { type: 'bearer' }));
      expectInvalidToken(await leadsWith(forged));
      // The untouched token still works, and is refused on the admin route.
      expect((await t.http().get('/users').auth(attorney.token, { type: 'bearer' })).status).toBe(
        403,
      );
    });

    it.each([
      ['issuer', { iss: 'someone-else' }],
      ['audience', { aud: 'another-api' }],
    ])('rejects a token with the wrong %s with 401', async (_what, claims) => {
      expectInvalidToken(await leadsWith(sign(claims)));
    });

    it('rejects a well-signed token for a user who does not exist with 401', async () => {
      expectInvalidToken(await leadsWith(sign({ sub: randomUUID() })));
    });

    it('rejects the token of a deactivated user with 401, also after reactivation', async () => {
      const user = await newUser();
      expect((await leadsWith(user.token)).status).toBe(200);
      expect((await patchUser(user.id, { active: false })).status).toBe(200);
      expectInvalidToken(await leadsWith(user.token));
      expect((await patchUser(user.id, { active: true })).status).toBe(200);
      expectInvalidToken(await leadsWith(user.token));
      expect((await leadsWith(await t.tokenFor(user.email, PASSWORD))).status).toBe(200);
    });

    it('rejects a token issued before a password change with 401; the new password signs in', async () => {
      const user = await newUser();
      expect((await leadsWith(user.token)).status).toBe(200);
      const newPassword = 'a-completely-new-passphrase';
      expect((await patchUser(user.id, { password: newPassword })).status).toBe(200);
      expectInvalidToken(await leadsWith(user.token));
      expect((await login(user.email, PASSWORD)).body.error).toBe('invalid_grant');
      const fresh = await login(user.email, newPassword);
      expect(fresh.status).toBe(200);
      expect((await leadsWith(fresh.body.access_token)).status).toBe(200);
    });

    it('keeps POST /leads public: a bad token there is ignored, not answered with 401', async () => {
      const res = await t
        .http()
        .post('/leads')
        .auth('garbage', { type: 'bearer' })
        .send(validLead());
      expect(res.status).toBe(201);
    });
  });

  describe('roles', () => {
    let attorney: { id: string; email: string; token: string };
    beforeAll(async () => {
      attorney = await newUser('attorney');
    });

    const expectForbidden = (res: Response) => {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    };

    it('answers an attorney 403 on GET /users', async () => {
      expectForbidden(await t.http().get('/users').auth(attorney.token, { type: 'bearer' }));
    });

    it('answers an attorney 403 on POST /users and creates nobody', async () => {
      const email = `sneaky-${randomUUID()}@firm.test`;
      const res = await t
        .http()
        .post('/users')
        .auth(attorney.token, { type: 'bearer' })
        .send({ email, name: 'Sneaky', password: PASSWORD, role: 'admin' });
      expectForbidden(res);
      expect((await login(email, PASSWORD)).status).toBe(400);
    });

    it('answers an attorney 403 on PATCH /users/{id}, even for themselves, and changes nothing', async () => {
      for (const id of [attorney.id, adminId]) {
        const res = await t
          .http()
          .patch(`/users/${id}`)
          .auth(attorney.token, { type: 'bearer' })
          .send({ role: 'admin' });
        expectForbidden(res);
      }
      const me = await t.http().get('/users/me').auth(attorney.token, { type: 'bearer' });
      expect(me.body.role).toBe('attorney');
    });

    it('lets the same attorney read leads', async () => {
      expect((await leadsWith(attorney.token)).status).toBe(200);
    });
  });
});
