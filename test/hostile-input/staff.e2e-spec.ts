import { randomUUID } from 'node:crypto';
import {
  ATTORNEY,
  b64url,
  CANARY,
  decodeJwt,
  describeHostile,
  expectRefused,
  forgeJwt,
  rawHttp,
} from '../support/hostile-battery';
import { ADMIN, validLead } from '../support/test-app';

/**
 * Hostile input, request metadata and staff routes: query strings, bearer tokens,
 * Idempotency-Key, ids in paths, user administration. The battery and its invariants:
 * test/support/hostile-battery.ts.
 */
describeHostile('Hostile input: staff routes (e2e)', { leadsMadeOnPurpose: false }, (battery) => {
  const { http, bearer } = battery;

  describe('query strings', () => {
    it.each([
      'limit=1&limit=2',
      'offset=0&offset=20',
      'state=PENDING&state=REACHED_OUT',
      'q=a&q=b',
      'limit[]=1',
      'limit[a]=1',
      'limit=-1',
      'limit=0',
      'limit=101',
      'limit=99999999999999999999',
      'limit=1.5',
      'limit=abc',
      'limit=NaN',
      'limit=Infinity',
      'limit=',
      'offset=-1',
      'offset=-99999999999',
      'offset=2.5',
      'offset=1e10',
      'offset=99999999999999999999',
      'state=pending',
      'state=',
      `q=${'x'.repeat(101)}`,
      'sort=name',
      'sort=created_at&sort=-created_at',
      'sort[]=created_at',
      'from=2026-02-30',
      'from[]=2026-01-01',
      'from=2026-02-01&to=2026-01-01',
      `to=${'9'.repeat(5000)}`,
      'unknown=1',
      'limit=0x10',
      'limit=1e1',
      'limit=%205',
      'limit=+5',
      'limit=05',
      'q=a%00b',
      'q=a%E2%80%AEb',
    ])('refuses %s with 400', async (query) => {
      expectRefused(await bearer(http().get(`/leads?${query}`)), 400);
    });

    it.each([
      ['offset=-1', 'offset must be a whole number from 0 to 1000000000'],
      ['limit=abc', 'limit must be a whole number from 1 to 100'],
      ['limit=101', 'limit must be a whole number from 1 to 100'],
      ['limit=5&limit=6', 'limit must be a whole number from 1 to 100'],
    ])('names the one problem with %s', async (query, problem) => {
      const res = await bearer(http().get(`/leads?${query}`));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [problem] });
    });

    it('answers a huge but valid offset with an empty page', async () => {
      const res = await bearer(http().get('/leads?offset=1000000000'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    });
  });

  describe('bearer tokens', () => {
    let claims: Record<string, unknown>;
    const staffRoutes = () => [
      http().get('/leads'),
      http().get(`/leads/${battery.pendingLead.id}`),
      http().get(`/leads/${battery.uploadedLead.id}/resume`),
      http().put(`/leads/${battery.pendingLead.id}`).send({ state: 'REACHED_OUT' }),
      http().get('/users'),
      http().get('/users/me'),
      http().patch(`/users/${battery.attorneyId}`).send({ role: 'admin' }),
    ];
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(() => {
      claims = decodeJwt(battery.admin);
    });

    it('accepts a token forged with the real key and claims (the cases below fail for their own reason)', async () => {
      const res = await http().get('/users/me').auth(forgeJwt(claims), { type: 'bearer' });
      expect(res.status).toBe(200);
    });

    const cases: Array<[string, () => string]> = [
      ['alg none, unsigned', () => forgeJwt(claims, { alg: 'none' })],
      ['alg "None", unsigned', () => forgeJwt(claims, { alg: 'None' })],
      ['a wrong key', () => forgeJwt(claims, { key: 'not-the-secret-0123456789-abcdefghijkl' })],
      ['an empty key', () => forgeJwt(claims, { key: '' })],
      ['HS512 with the right key', () => forgeJwt(claims, { alg: 'HS512' })],
      ['an expired token', () => forgeJwt({ ...claims, iat: now() - 7200, exp: now() - 3600 })],
      ['a not-yet-valid token', () => forgeJwt({ ...claims, nbf: now() + 3600 })],
      ['another issuer', () => forgeJwt({ ...claims, iss: 'evil' })],
      ['another audience', () => forgeJwt({ ...claims, aud: 'other-api' })],
      [
        'a tampered payload (attorney → admin)',
        () => {
          const [head, , sig] = battery.attorney.split('.');
          return `${head}.${b64url({ ...decodeJwt(battery.attorney), role: 'admin' })}.${sig}`;
        },
      ],
      [
        'a tampered payload (sub swapped)',
        () => {
          const [head, , sig] = battery.admin.split('.');
          return `${head}.${b64url({ ...claims, sub: battery.attorneyId })}.${sig}`;
        },
      ],
      ['an old token version', () => forgeJwt({ ...claims, ver: (claims.ver as number) + 1 })],
      ['no token version', () => forgeJwt({ ...claims, ver: undefined })],
      ['a deleted user (random sub)', () => forgeJwt({ ...claims, sub: randomUUID() })],
      ['a sub that is SQL', () => forgeJwt({ ...claims, sub: "' OR 1=1 --" })],
      ['a sub that is an object', () => forgeJwt({ ...claims, sub: { $ne: null } })],
      ['no sub', () => forgeJwt({ ...claims, sub: undefined })],
      ['a token without a signature part', () => battery.admin.split('.').slice(0, 2).join('.')],
      ['a token with two dots only', () => '..'],
      ['garbage', () => 'not-a-jwt'],
      ['8 KB of garbage', () => 'a'.repeat(8 * 1024)],
    ];

    it.each(cases)('refuses %s with 401 on every staff route', async (_what, token) => {
      for (const req of staffRoutes()) {
        const res = await req.set('Authorization', `Bearer ${token()}`);
        expectRefused(res, 401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="lead-intake"/);
      }
    });

    it.each([
      ['Bearer with an empty token', 'Bearer '],
      ['Bearer alone', 'Bearer'],
      [
        'Basic credentials',
        `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString('base64')}`,
      ],
      ['the token without a scheme', () => battery.admin],
      ['three words', 'Bearer a b'],
    ] as Array<[string, string | (() => string)]>)('refuses %s with 401', async (_what, header) => {
      const res = await http()
        .get('/leads')
        .set('Authorization', typeof header === 'function' ? header() : header);
      expectRefused(res, 401);
    });

    it('refuses a 20 KB Authorization header (over Node’s header limit) with a JSON 431', async () => {
      const res = await http()
        .get('/leads')
        .set('Authorization', `Bearer ${'a'.repeat(20_000)}`);
      expectRefused(res, 431);
    });

    it('refuses a broken request line with a JSON 400', async () => {
      expectRefused(await rawHttp(battery.port, 'GARBAGE\r\n\r\n'), 400);
      expectRefused(
        await rawHttp(battery.port, 'GET /leads HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
        400,
      );
    });

    it('keeps attorneys out of /users with 403', async () => {
      for (const req of [
        http().get('/users'),
        http()
          .post('/users')
          .send({ ...ATTORNEY, email: 'new@firm.test', role: 'admin' }),
        http().patch(`/users/${battery.attorneyId}`).send({ role: 'admin' }),
      ]) {
        expectRefused(await req.auth(battery.attorney, { type: 'bearer' }), 403);
      }
    });
  });

  describe('Idempotency-Key', () => {
    it.each([
      ['a tab inside', 'abc\tdef'],
      ['300 characters', 'k'.repeat(300)],
      ['a Latin-1 byte', 'caf\u00e9'],
      ['a space inside', 'two words'],
      ['nothing', ''],
    ])('refuses a key with %s with 400', async (_what, key) => {
      expectRefused(await http().post('/leads').set('Idempotency-Key', key).send(validLead()), 400);
    });

    it.each([
      ['a control character', 'a\u0001b'],
      ['a NUL', 'a\u0000b'],
      ['DEL', 'a\u007fb'],
    ])('refuses a key with %s (raw bytes on the wire) with 400', async (_what, key) => {
      const body = JSON.stringify(validLead());
      const res = await rawHttp(
        battery.port,
        Buffer.from(
          `POST /leads HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
            `Idempotency-Key: ${key}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `Connection: close\r\n\r\n${body}`,
          'latin1',
        ),
      );
      expectRefused(res, 400);
    });
  });

  describe('ids in paths', () => {
    const ids = [
      'not-a-uuid',
      '%00',
      `${randomUUID()}%00`,
      '..%2f..%2fetc%2fpasswd',
      '..%252f..%252fetc%252fpasswd',
      '%2e%2e',
      'a'.repeat(5000),
      `{${randomUUID()}}`,
      '%27%20OR%201%3D1%20--',
      '1%3B%20DROP%20TABLE%20leads',
      '%E0%A4%A',
      '%',
      '-1',
      '0',
    ];

    it.each(ids)('refuses the lead id %s with 400 on every route', async (id) => {
      for (const req of [
        http().get(`/leads/${id}`),
        http().get(`/leads/${id}/resume`),
        http().put(`/leads/${id}`).send({ state: 'REACHED_OUT' }),
      ]) {
        expectRefused(await bearer(req), 400);
      }
    });

    it.each(ids)('refuses the user id %s with 400', async (id) => {
      expectRefused(await bearer(http().patch(`/users/${id}`)).send({ name: 'X' }), 400);
    });

    it('answers 404 for paths that escape the routes', async () => {
      for (const path of ['/leads/../../etc/passwd', '/leads/x/y/z', '/users/me/../../leads']) {
        expectRefused(await bearer(http().get(path)), 404);
      }
    });

    it('answers 404 for unknown ids and for a lead without an uploaded file', async () => {
      expectRefused(await bearer(http().get(`/leads/${randomUUID()}`)), 404);
      expectRefused(await bearer(http().get(`/leads/${randomUUID()}/resume`)), 404);
      expectRefused(await bearer(http().get(`/leads/${battery.pendingLead.id}/resume`)), 404);
      expectRefused(
        await bearer(http().patch(`/users/${randomUUID()}`)).send({ name: 'Nobody' }),
        404,
      );
    });
  });

  describe('user administration', () => {
    it.each([
      ['an unknown role', { role: 'superadmin' }],
      ['an admin flag', { admin: true }],
      ['a short password', { password: 'short' }],
      ['a password over 72 bytes', { password: `${CANARY}${'é'.repeat(40)}` }],
      ['a CR/LF email', { email: 'x@firm.test\r\nBcc: y@firm.test' }],
      ['a numeric name', { name: 42 }],
      ['a hash for a password', { password: { $2b$: CANARY } }],
    ])('refuses a new user with %s with 400', async (_what, change) => {
      const res = await bearer(http().post('/users')).send({
        email: `u${Math.random().toString(36).slice(2)}@firm.test`,
        name: 'New User',
        password: CANARY,
        role: 'attorney',
        ...change,
      });
      expectRefused(res, 400);
    });

    it('refuses an existing email, in any case, with 409 and no database error', async () => {
      for (const email of [ADMIN.email, ADMIN.email.toUpperCase(), ` ${ATTORNEY.email} `]) {
        const res = await bearer(http().post('/users')).send({
          email,
          name: 'Dup',
          password: CANARY,
          role: 'admin',
        });
        expectRefused(res, 409);
      }
    });

    it.each([
      ['active as a string', { active: 'false' }],
      ['active as a number', { active: 0 }],
      ['an unknown field', { token_version: 0 }],
      ['an email change', { email: 'new@firm.test' }],
    ])('refuses a change with %s with 400', async (_what, change) => {
      expectRefused(await bearer(http().patch(`/users/${battery.attorneyId}`)).send(change), 400);
    });
  });
});
