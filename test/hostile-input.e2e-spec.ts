import { createHmac, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Response } from 'superagent';
import type { Test } from 'supertest';
import { makePdf, MIME } from './support/documents';
import { ADMIN, JWT_SECRET, startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * Throws malformed, oversized, nested, spoofed and injected input at the public and staff routes.
 * Every refusal must be a 4xx with a JSON message that leaks nothing; afterwards the process must
 * still answer and the stored data must be as it was (apart from leads made here on purpose).
 */

/** What a hostile request gets back: a supertest response, or one read off a raw socket. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const ATTORNEY = { email: 'attorney@firm.test', password: 'attorney-password-12', name: 'Atty' };
/** Sent as the password in hostile bodies: it must never come back in an answer. */
const CANARY = 'canary-Passw0rd-7f3e9c1a';
const SECRETS = [ADMIN.password, ATTORNEY.password, CANARY, JWT_SECRET];
const OAUTH_ERRORS = ['invalid_request', 'invalid_grant', 'unsupported_grant_type', 'slow_down'];
const TOKEN_ROUTE = '/auth/token';
/** The key prototype-pollution payloads try to plant on every object. */
const PLANTED = 'hostilePlanted';

/** Object.prototype of this realm (Jest's sandbox) and of Node's own (its built-in modules). */
const PROTOTYPES = [
  Object.prototype,
  Object.getPrototypeOf(EventEmitter.prototype) as object,
] as const;

const LEAK_PATTERNS: Array<[string, RegExp]> = [
  ['a stack frame', / {4}at |\bat \S+ \(\S+:\d+:\d+\)/],
  ['an ORM error', /QueryFailedError|EntityNotFound|TypeORMError|SQLITE_[A-Z]+|SqliteError/i],
  [
    'SQL text',
    /\b(select\s[\s\S]*\sfrom|insert\s+into|update\s+\S+\s+set|delete\s+from)\b|syntax error at or near|violates .*constraint|duplicate key|UNIQUE constraint/i,
  ],
  ['a bcrypt hash', /\$2[abxy]?\$\d{2}\$/],
  ['a password field', /"password(_?hash)?"\s*:|passwordHash|password_hash/i],
];

/** Nothing an attacker could learn about the internals or anybody's secrets. */
function expectNoLeak(text: string): void {
  for (const [what, pattern] of LEAK_PATTERNS) {
    if (pattern.test(text)) throw new Error(`answer leaks ${what}: ${text.slice(0, 500)}`);
  }
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  // Not even a fragment of the canary, as an error message quoting the input would show.
  for (let i = 0; i + 8 <= CANARY.length; i++) expect(text).not.toContain(CANARY.slice(i, i + 8));
}

/**
 * The invariants of every refused request: a 4xx (the expected one when given), JSON, a clear
 * message in the contract's shape (RFC 6749 §5.2 for the token endpoint), and no leak.
 */
function expectRefused(res: Answer, expected?: number, route?: string): void {
  const context = `${res.status} ${res.text.slice(0, 300)}`;
  if (res.status >= 500 || res.status < 400) throw new Error(`expected a 4xx, got ${context}`);
  if (expected !== undefined && res.status !== expected) {
    throw new Error(`expected ${expected}, got ${context}`);
  }
  expect(String(res.headers['content-type'])).toMatch(/^application\/json\b/);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  // Every refusal of the token endpoint (parse errors, size limits, rate limits) is RFC 6749 §5.2.
  if (route === TOKEN_ROUTE) {
    expect(OAUTH_ERRORS).toContain(body.error);
    expect(typeof body.error_description).toBe('string');
    expect((body.error_description as string).length).toBeGreaterThan(0);
  } else {
    expect(body.statusCode).toBe(res.status);
    expect(body.error).toBe(STATUS_CODES[res.status]);
    const messages = Array.isArray(body.message) ? body.message : [body.message];
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(typeof message).toBe('string');
      // "Bad Request" again says nothing the status did not.
      expect(message).not.toBe(body.error);
      expect((message as string).length).toBeGreaterThan(0);
    }
  }
  expectNoLeak(res.text);
}

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT signed (or not) exactly as told, to forge what an attacker would. */
function forgeJwt(
  payload: Record<string, unknown>,
  { alg = 'HS256', key = JWT_SECRET }: { alg?: string; key?: string } = {},
): string {
  const data = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  if (!hash) return `${data}.`;
  return `${data}.${createHmac(hash, key).update(data).digest('base64url')}`;
}

const decodeJwt = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

/** Nested `depth` levels deep, built as text: JSON.stringify itself would be fine, but slower. */
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A JSON lead with `extra` spliced in verbatim as more members. */
const leadJsonWith = (extra: string, lead = validLead()) =>
  `${JSON.stringify(lead).slice(0, -1)},${extra}}`;

/** Sends one request over a fresh socket, byte for byte, and reads the whole answer. */
function rawHttp(port: number, request: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: raw.slice(split + 4) });
    });
    socket.end(request);
  });
}

/** A valid lead's text fields for a multipart submit (the résumé goes as the file part). */
function formFields(overrides: Record<string, string> = {}): Record<string, string> {
  const { resume: _url, ...fields } = validLead(overrides) as Record<string, string>;
  return fields;
}

const pollutionPlanted = () =>
  PROTOTYPES.some((proto) => Object.prototype.hasOwnProperty.call(proto, PLANTED)) ||
  ({} as Record<string, unknown>)[PLANTED] !== undefined;

describe('Hostile input (e2e)', () => {
  let t: TestApp;
  let port: number;
  let admin: string;
  let attorney: string;
  let attorneyId: string;
  let pendingLead: { id: string };
  let uploadedLead: { id: string };
  /** Leads this battery made on purpose (201): left out of the before/after comparison. */
  const created = new Set<string>();
  let snapshot: Awaited<ReturnType<typeof takeSnapshot>>;
  let prototypeKeys: string[][];

  const bearer = (req: Test, token = admin) => req.auth(token, { type: 'bearer' });
  const submitJson = (body: string, contentType = 'application/json') =>
    t.http().post('/leads').set('Content-Type', contentType).send(body);
  const multipart = (fields: Record<string, string>, file = makePdf(), filename = 'cv.pdf') => {
    const req = t.http().post('/leads');
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach('resume', file, { filename, contentType: MIME.pdf });
  };

  /** Accepted on purpose: 201, JSON, tracked so the final comparison leaves it out. */
  function expectCreated(res: Response): { id: string; [field: string]: unknown } {
    if (res.status !== 201) throw new Error(`expected 201, got ${res.status} ${res.text}`);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    created.add(res.body.id);
    expectNoLeak(res.text);
    return res.body;
  }

  async function allLeads(): Promise<Array<Record<string, unknown>>> {
    const leads: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += 100) {
      const res = await bearer(t.http().get(`/leads?limit=100&offset=${offset}`));
      expect(res.status).toBe(200);
      leads.push(...(res.body as Array<Record<string, unknown>>));
      if (leads.length >= Number(res.headers['x-total-count'])) return leads;
    }
  }

  async function takeSnapshot() {
    const leads = (await allLeads()).filter((lead) => !created.has(lead.id as string));
    const details = [];
    for (const lead of leads) {
      const res = await bearer(t.http().get(`/leads/${lead.id as string}`));
      const { notifications: _deliveryMovesOn, ...detail } = res.body;
      details.push(detail);
    }
    const users = await bearer(t.http().get('/users'));
    expect(users.status).toBe(200);
    return { leads, details, users: users.body as unknown[] };
  }

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    admin = await t.adminToken();
    const user = await bearer(t.http().post('/users')).send({ ...ATTORNEY, role: 'attorney' });
    expect(user.status).toBe(201);
    attorneyId = user.body.id;
    attorney = await t.tokenFor(ATTORNEY.email, ATTORNEY.password);

    pendingLead = (
      await t
        .http()
        .post('/leads')
        .send(validLead({ first_name: 'Pending' }))
    ).body;
    uploadedLead = (await multipart(formFields({ first_name: 'Uploaded' }))).body;
    const reached = await bearer(t.http().put(`/leads/${uploadedLead.id}`)).send({
      state: 'REACHED_OUT',
    });
    expect(reached.status).toBe(200);
    snapshot = await takeSnapshot();
    expect(snapshot.leads).toHaveLength(2);
    prototypeKeys = PROTOTYPES.map((proto) => Object.getOwnPropertyNames(proto).sort());
  });
  afterAll(() => t.close());

  describe('malformed JSON', () => {
    const bodies: Array<[string, string]> = [
      ['a truncated document', '{"first_name":"Ada","last_name":'],
      ['single quotes', "{'first_name': 'Ada'}"],
      ['a trailing comma', '{"first_name":"Ada",}'],
      ['two documents', '{"first_name":"Ada"}{"last_name":"Lovelace"}'],
      ['NaN', '{"first_name":NaN}'],
      ['a raw NUL inside a string', '{"first_name":"A\u0000da"}'],
      ['an unterminated string', '{"first_name":"Ada'],
      ['a bare string', '"Ada Lovelace"'],
      ['a bare number', '42'],
      ['null', 'null'],
      ['binary garbage', '\u00ff\u00fe\u0000{\u0001'],
      [
        'a password followed by garbage',
        `{"email":"x@firm.test","password":"${CANARY}" "role" "admin"}`,
      ],
      // The parser's own message would quote these: "…"password":canary-Pas"… is not valid JSON".
      ['an unquoted password', `{"email":"x@firm.test","password":${CANARY}}`],
      ['garbage before a password', `{"password":x"${CANARY}"}`],
    ];

    it.each(bodies)('refuses %s on POST /leads with 400', async (_what, body) => {
      expectRefused(await submitJson(body), 400);
    });

    it.each(bodies)('refuses %s on PUT /leads/{id} with 400', async (_what, body) => {
      const res = await bearer(t.http().put(`/leads/${pendingLead.id}`))
        .set('Content-Type', 'application/json')
        .send(body);
      expectRefused(res, 400);
    });

    it.each(bodies)('refuses %s on POST /users with 400', async (_what, body) => {
      const res = await bearer(t.http().post('/users'))
        .set('Content-Type', 'application/json')
        .send(body);
      expectRefused(res, 400);
    });

    it.each(bodies)('refuses %s on POST /auth/token with an RFC 6749 400', async (_what, body) => {
      const res = await t
        .http()
        .post(TOKEN_ROUTE)
        .set('Content-Type', 'application/json')
        .send(body);
      expectRefused(res, 400, TOKEN_ROUTE);
      expect(res.body.error).toBe('invalid_request');
    });

    it.each([
      ['an empty body', ''],
      ['an empty array', '[]'],
      ['an array of leads', JSON.stringify([validLead(), validLead()])],
      ['an empty object', '{}'],
    ])('refuses %s on POST /leads with 400', async (_what, body) => {
      expectRefused(await submitJson(body), 400);
    });
  });

  describe('wrong content types and encodings', () => {
    const lead = () => JSON.stringify(validLead());

    it.each([
      ['text/plain'],
      ['application/xml'],
      ['text/html'],
      ['application/x-www-form-urlencoded'],
      ['application/json-patch+json'],
      ['application/octet-stream'],
    ])('refuses a lead sent as %s with 415', async (type) => {
      expectRefused(await submitJson(lead(), type), 415);
    });

    it('refuses a lead sent with no Content-Type at all with 415', async () => {
      const body = lead();
      const res = await rawHttp(
        port,
        `POST /leads HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${Buffer.byteLength(body)}` +
          `\r\nConnection: close\r\n\r\n${body}`,
      );
      expectRefused(res, 415);
    });

    it('refuses UTF-8 bytes labelled charset=utf-16 with 400', async () => {
      expectRefused(await submitJson(lead(), 'application/json; charset=utf-16'), 400);
    });

    it.each(['latin1', 'iso-8859-1', 'koi8-r', 'x-unknown'])(
      'refuses charset=%s with 415',
      async (charset) => {
        expectRefused(await submitJson(lead(), `application/json; charset=${charset}`), 415);
      },
    );

    it('refuses a body that claims gzip but is not with 400', async () => {
      const res = await t
        .http()
        .post('/leads')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send(lead());
      expectRefused(res, 400);
    });

    it('refuses a gzip bomb (100 KB on the wire, 10 MB inflated) with 413', async () => {
      const bomb = gzipSync(Buffer.from(`{"first_name":"${'a'.repeat(10_000_000)}"}`));
      expect(bomb.length).toBeLessThan(100_000);
      const res = await t
        .http()
        .post('/leads')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize((data: unknown) => data as string)
        .send(bomb as never);
      expectRefused(res, 413);
    });

    it.each(['compress', 'br;q=1', 'identity, x-evil'])(
      'refuses Content-Encoding %s with 415',
      async (encoding) => {
        const res = await t
          .http()
          .post('/leads')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .send(lead());
        expectRefused(res, 415);
      },
    );

    it('refuses a state change sent as text/plain with 400 and leaves the lead alone', async () => {
      const res = await bearer(t.http().put(`/leads/${pendingLead.id}`))
        .set('Content-Type', 'text/plain')
        .send('{"state":"REACHED_OUT"}');
      expectRefused(res, 400);
      expect((await bearer(t.http().get(`/leads/${pendingLead.id}`))).body.state).toBe('PENDING');
    });

    it.each([
      ['application/json', JSON.stringify({ grant_type: 'password', ...ADMIN })],
      ['text/plain', `grant_type=password&username=${ADMIN.email}&password=${CANARY}`],
      ['multipart/form-data; boundary=x', '--x--\r\n'],
    ])('refuses a token request sent as %s with invalid_request', async (type, body) => {
      const res = await t.http().post(TOKEN_ROUTE).set('Content-Type', type).send(body);
      expectRefused(res, 400, TOKEN_ROUTE);
      expect(res.body.error).toBe('invalid_request');
    });

    it.each([
      ['no boundary', 'multipart/form-data', 'garbage'],
      [
        'a truncated body',
        'multipart/form-data; boundary=XX',
        '--XX\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nAda',
      ],
      [
        'a malformed part header',
        'multipart/form-data; boundary=XX',
        '--XX\r\nContent-Disp\r\n\r\nAda\r\n--XX--\r\n',
      ],
      ['no parts at all', 'multipart/form-data; boundary=XX', '--XX--\r\n'],
    ])('refuses a multipart body with %s with 400', async (_what, type, body) => {
      expectRefused(await submitJson(body, type), 400);
    });
  });

  describe('huge bodies', () => {
    const tenMegabytes = 'a'.repeat(10 * 1024 * 1024);

    it('refuses a JSON lead over the 100 KB limit with 413', async () => {
      expectRefused(await submitJson(leadJsonWith(`"padding":"${'x'.repeat(150_000)}"`)), 413);
    });

    it.each(['first_name', 'last_name', 'email', 'resume'])(
      'refuses a 10 MB string in %s with 413',
      async (field) => {
        expectRefused(
          await t
            .http()
            .post('/leads')
            .send(validLead({ [field]: tenMegabytes })),
          413,
        );
      },
    );

    it('refuses a 90 KB name (under the body limit) with 400', async () => {
      expectRefused(
        await t
          .http()
          .post('/leads')
          .send(validLead({ last_name: 'x'.repeat(90_000) })),
        400,
      );
    });

    it('refuses 10 MB on the staff routes with 413', async () => {
      const put = await bearer(t.http().put(`/leads/${pendingLead.id}`)).send({
        state: tenMegabytes,
      });
      expectRefused(put, 413);
      const user = await bearer(t.http().post('/users')).send({ name: tenMegabytes });
      expectRefused(user, 413);
      const patch = await bearer(t.http().patch(`/users/${attorneyId}`)).send({
        name: tenMegabytes,
      });
      expectRefused(patch, 413);
    });

    it('refuses a 10 MB multipart text field with 413', async () => {
      expectRefused(await multipart(formFields({ first_name: tenMegabytes })), 413);
    });

    it('refuses a 5 KB multipart text field with 400', async () => {
      expectRefused(await multipart(formFields({ last_name: 'x'.repeat(5000) })), 400);
    });

    it('refuses a token request over 16 KB, or with too many parameters, with 413', async () => {
      const big = await t
        .http()
        .post(TOKEN_ROUTE)
        .type('form')
        .send(`grant_type=password&username=a&password=${'x'.repeat(20_000)}`);
      expectRefused(big, 413, TOKEN_ROUTE);
      const many = Array.from({ length: 50 }, (_, i) => `p${i}=1`).join('&');
      const params = await t.http().post(TOKEN_ROUTE).type('form').send(many);
      expectRefused(params, 413, TOKEN_ROUTE);
    });

    it('refuses an over-long username or password with invalid_request', async () => {
      const res = await t
        .http()
        .post(TOKEN_ROUTE)
        .type('form')
        .send({ grant_type: 'password', username: ADMIN.email, password: 'x'.repeat(5000) });
      expectRefused(res, 400, TOKEN_ROUTE);
      expect(res.body.error).toBe('invalid_request');
    });
  });

  describe('deeply nested JSON', () => {
    const deep: Array<[string, string]> = [
      ['5 000 nested arrays', nestedArrays(5000)],
      ['5 000 nested objects', nestedObjects(5000)],
      ['40 nested arrays', nestedArrays(40)],
    ];

    it.each(deep)('refuses %s in an unknown field with 400', async (_what, value) => {
      expectRefused(await submitJson(leadJsonWith(`"extra":${value}`)), 400);
    });

    it.each(deep)('refuses %s in a known field with 400', async (_what, value) => {
      const lead = JSON.stringify(validLead({ first_name: '@@' })).replace('"@@"', value);
      expectRefused(await submitJson(lead), 400);
    });

    it.each(deep)('refuses %s as the whole body with 400', async (_what, value) => {
      expectRefused(await submitJson(value), 400);
    });

    it.each(deep)('refuses %s on the staff routes with 400', async (_what, value) => {
      const routes = [
        bearer(t.http().put(`/leads/${pendingLead.id}`)),
        bearer(t.http().post('/users')),
        bearer(t.http().patch(`/users/${attorneyId}`)),
      ];
      for (const req of routes) {
        expectRefused(
          await req.set('Content-Type', 'application/json').send(`{"state":${value}}`),
          400,
        );
      }
    });

    it.each(deep)('refuses %s at the token endpoint with invalid_request', async (_what, value) => {
      const res = await t
        .http()
        .post(TOKEN_ROUTE)
        .set('Content-Type', 'application/json')
        .send(`{"grant_type":${value}}`);
      expectRefused(res, 400, TOKEN_ROUTE);
    });
  });

  describe('unicode in names', () => {
    it.each([
      ['emoji', '👩🏽‍💻 Zoë', 'Ñúñez 🦄'],
      ['accents and ligatures', 'Ådæ Œrsted-Łukasz', 'Ångström-Ça'],
      ['combining marks', 'Zoe\u0308', 'Andre\u0301'],
      ['right-to-left script', 'نور', 'עברית'],
      ['CJK', '李小龍', '山田'],
      ['joiners that scripts need (ZWJ, ZWNJ)', 'क्‍ष', 'می‌خواهم'],
      ['HTML-looking text', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>'],
      ['template-looking text', '{{lead_url}}', '{{#each this}}x{{/each}}'],
    ])('accepts %s and stores the name exactly', async (_what, first, last) => {
      const lead = expectCreated(
        await t
          .http()
          .post('/leads')
          .send(validLead({ first_name: first, last_name: last })),
      );
      expect(lead).toMatchObject({ first_name: first, last_name: last });
      const stored = await bearer(t.http().get(`/leads/${lead.id}`));
      expect(stored.body).toMatchObject({ first_name: first, last_name: last });
    });

    it.each([
      ['a right-to-left override (U+202E)', 'Ada\u202Eecalevol'],
      ['a left-to-right override (U+202D)', '\u202DAda'],
      ['a bidi isolate (U+2066)', 'Ada\u2066x\u2069'],
      ['a right-to-left mark (U+200F)', 'Ada\u200F'],
      ['a zero-width space (U+200B)', 'A\u200Bda'],
      ['a word joiner (U+2060)', 'A\u2060da'],
      ['a BOM inside the name (U+FEFF)', 'A\uFEFFda'],
      ['NUL', 'Ada\u0000'],
      ['a bell', 'Ada\u0007'],
      ['an ANSI escape', '\u001b[31mAda'],
      ['DEL', 'Ada\u007f'],
      ['NEL (U+0085)', 'Ada\u0085Bcc'],
      ['a tab', 'Ada\tLovelace'],
      ['CR LF with a Bcc header', 'Eve\r\nBcc: victim@example.com'],
      ['a bare LF', 'Eve\nSubject: hi'],
      ['a bare CR', 'Eve\rTo: victim@example.com'],
      ['a lone surrogate', 'Ada\ud800'],
    ])('refuses %s in a name with 400', async (_what, name) => {
      expectRefused(
        await t
          .http()
          .post('/leads')
          .send(validLead({ first_name: name })),
        400,
      );
      expectRefused(
        await t
          .http()
          .post('/leads')
          .send(validLead({ last_name: name })),
        400,
      );
      expectRefused(await multipart(formFields({ first_name: name })), 400);
      const user = await bearer(t.http().patch(`/users/${attorneyId}`)).send({ name });
      expectRefused(user, 400);
    });

    it.each([
      'victim@example.com\r\nBcc: everyone@example.com',
      'victim@example.com\nBcc: everyone@example.com',
      'victim@example.com,everyone@example.com',
      'Victim <victim@example.com>',
      'victim@example.com\u0000',
      'a@b',
    ])('refuses the email %j with 400', async (email) => {
      expectRefused(await t.http().post('/leads').send(validLead({ email })), 400);
    });

    it.each([
      ['NUL', 'https://x.example/a\u0000b'],
      ['a right-to-left override', 'https://x.example/\u202Efdp.exe'],
    ])('refuses %s in a résumé URL with 400', async (_what, resume) => {
      expectRefused(await t.http().post('/leads').send(validLead({ resume })), 400);
    });

    it('refuses NUL in a sign-in username with invalid_request', async () => {
      const res = await t
        .http()
        .post('/auth/token')
        .type('form')
        .send('grant_type=password&username=admin%00%40firm.test&password=whatever-password');
      expectRefused(res, 400, '/auth/token');
      expect(res.body.error).toBe('invalid_request');
    });

    it('sent no mail to an injected recipient', () => {
      const injected = ['victim@example.com', 'everyone@example.com'];
      expect(t.smtp.messages.filter((m) => m.to.some((to) => injected.includes(to)))).toEqual([]);
    });
  });

  describe('HTML and script in names', () => {
    const first = '<script>alert(1)</script>';
    const last = '<img src=x onerror=alert(1)>"&\'';

    it('answers in JSON and escapes the names in both emails', async () => {
      const fields = validLead({ first_name: first, last_name: last });
      const res = await t.http().post('/leads').send(fields);
      const lead = expectCreated(res);
      expect(res.headers['content-type']).toMatch(/^application\/json; charset=utf-8$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(lead).toMatchObject({ first_name: first, last_name: last });

      const ack = await waitFor(() => t.smtp.to(fields.email)[0], { what: 'ack' });
      const notice = await waitFor(
        () => t.smtp.messages.find((m) => m.subject === `New lead: ${first} ${last}`),
        { what: 'attorney notice' },
      );
      for (const mail of [ack, notice]) {
        expect(mail.html).not.toContain('<script');
        expect(mail.html).not.toContain('<img');
        expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(mail.html).toMatch(/&lt;img src(=|&#x3D;)x onerror(=|&#x3D;)alert\(1\)&gt;/);
        // The plain-text part is not HTML: it carries the name as it is.
        expect(mail.text).toContain(`${first} ${last}`);
      }
    });

    it('refuses a résumé URL that is script or breaks out of an attribute', async () => {
      for (const resume of [
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'https://x.example"><script>alert(1)</script>',
        'vbscript:msgbox(1)',
      ]) {
        expectRefused(await t.http().post('/leads').send(validLead({ resume })), 400);
      }
    });
  });

  describe('SQL meta-characters', () => {
    const names = [
      "'; DROP TABLE leads; --",
      '" OR 1=1 --',
      "Robert'); DROP TABLE users;--",
      '100% _under_ back\\slash',
      "O'Brien",
    ];
    const emails = [
      "o'brien+drop--table@example.com",
      '"\' or 1=1 --"@example.com',
      'percent%_under@example.com',
    ];

    it.each(names)('stores the name %j verbatim', async (name) => {
      const res = await t
        .http()
        .post('/leads')
        .send(validLead({ first_name: name, last_name: name }));
      const lead = expectCreated(res);
      const stored = await bearer(t.http().get(`/leads/${lead.id}`));
      expect(stored.body).toMatchObject({ first_name: name, last_name: name });
    });

    it.each(emails)('stores the email %j verbatim', async (email) => {
      const lead = expectCreated(await t.http().post('/leads').send(validLead({ email })));
      const stored = await bearer(t.http().get(`/leads/${lead.id}`));
      expect(stored.body.email).toBe(email.toLowerCase());
    });

    it.each([
      "'; DROP TABLE leads; --",
      '" OR 1=1 --',
      "' OR '1'='1",
      '%',
      '_',
      '\\',
      '%_%',
      "o'brien",
      '1; SELECT * FROM users',
    ])('searches q=%j literally (200, exactly the leads containing it)', async (q) => {
      const res = await bearer(t.http().get('/leads').query({ q, limit: 100 }));
      expect(res.status).toBe(200);
      expectNoLeak(res.text);
      const needle = q.toLowerCase();
      const expected = (await allLeads())
        .filter((l) =>
          [l.first_name, l.last_name, l.email].some((v) =>
            (v as string).toLowerCase().includes(needle),
          ),
        )
        .map((l) => l.id)
        .sort();
      expect((res.body as Array<{ id: string }>).map((l) => l.id).sort()).toEqual(expected);
    });

    it('still has its tables: leads, users and sign-in all work', async () => {
      expect((await bearer(t.http().get('/leads?limit=1'))).status).toBe(200);
      expect((await bearer(t.http().get('/users'))).status).toBe(200);
      await expect(t.adminToken()).resolves.toEqual(expect.any(String));
    });

    it('refuses SQL in the sign-in form with invalid_grant', async () => {
      for (const username of ["admin@firm.test' --", "' OR 1=1 --", '" OR ""="']) {
        const res = await t
          .http()
          .post(TOKEN_ROUTE)
          .type('form')
          .send({ grant_type: 'password', username, password: "' OR '1'='1" });
        expectRefused(res, 400, TOKEN_ROUTE);
        expect(res.body.error).toBe('invalid_grant');
      }
    });
  });

  describe('path traversal in résumé filenames', () => {
    it.each([
      '../../etc/passwd.pdf',
      '..\\..\\windows\\system32\\cv.pdf',
      '/etc/passwd.pdf',
      '....//....//cv.pdf',
      '%2e%2e%2f%2e%2e%2fcv.pdf',
      '.htaccess.pdf',
      'cv".pdf',
    ])('stores %j without a path and serves it without one', async (filename) => {
      const lead = expectCreated(await multipart(formFields(), makePdf(), filename));
      const stored = (lead.resume as { filename: string }).filename;
      expect(stored).not.toMatch(/[/\\]/);
      expect(stored).not.toMatch(/^\./);
      expect(stored).not.toContain('..');

      const file = await bearer(t.http().get(`/leads/${lead.id}/resume`)).buffer(true);
      expect(file.status).toBe(200);
      const disposition = String(file.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[^"/\\]*"; filename\*=UTF-8''[^/\\]*$/);
      expect(decodeURIComponent(disposition.split("''")[1])).toBe(stored);
      expect(disposition).not.toContain('..');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('prototype-pollution keys', () => {
    afterEach(() => expect(pollutionPlanted()).toBe(false));

    it.each([
      ['__proto__ at the top', `"__proto__":{"${PLANTED}":1}`],
      ['constructor.prototype at the top', `"constructor":{"prototype":{"${PLANTED}":1}}`],
      ['prototype at the top', `"prototype":{"${PLANTED}":1}`],
      ['__proto__ inside an unknown field', `"extra":{"__proto__":{"${PLANTED}":1}}`],
      ['__proto__ inside an array', `"extra":[{"__proto__":{"${PLANTED}":1}}]`],
    ])('refuses %s in a JSON lead with 400', async (_what, extra) => {
      expectRefused(await submitJson(leadJsonWith(extra)), 400);
    });

    it('refuses __proto__ inside a known field with 400', async () => {
      const lead = JSON.stringify(validLead({ first_name: '@@' })).replace(
        '"@@"',
        `{"__proto__":{"${PLANTED}":1}}`,
      );
      expectRefused(await submitJson(lead), 400);
    });

    it.each(['__proto__', 'constructor', 'prototype'])(
      'refuses %s in the staff JSON bodies with 400',
      async (key) => {
        const extra = `"${key}":{"${PLANTED}":1,"role":"admin"}`;
        const put = bearer(t.http().put(`/leads/${pendingLead.id}`));
        const patch = bearer(t.http().patch(`/users/${attorneyId}`));
        const post = bearer(t.http().post('/users'));
        for (const [req, body] of [
          [put, `{"state":"REACHED_OUT",${extra}}`],
          [patch, `{"name":"Atty",${extra}}`],
          [
            post,
            `{"email":"p@firm.test","name":"P","password":"${CANARY}","role":"attorney",${extra}}`,
          ],
        ] as const) {
          expectRefused(await req.set('Content-Type', 'application/json').send(body), 400);
        }
      },
    );

    it.each([
      `__proto__[${PLANTED}]=1`,
      '__proto__=1',
      `constructor[prototype][${PLANTED}]=1`,
      'constructor=1',
      'prototype=1',
      `__proto__.${PLANTED}=1`,
    ])('refuses the query %s with 400', async (query) => {
      expectRefused(await bearer(t.http().get(`/leads?${query}`)), 400);
    });

    it.each([
      `__proto__[${PLANTED}]`,
      '__proto__',
      `constructor[prototype][${PLANTED}]`,
      'prototype',
    ])('refuses the multipart field %s with 400', async (name) => {
      expectRefused(await multipart({ ...formFields(), [name]: '1' }), 400);
    });

    it.each([`__proto__[${PLANTED}]=1`, '__proto__=1', `constructor[prototype][${PLANTED}]=1`])(
      'signs nobody in with %s in the token form',
      async (extra) => {
        const res = await t
          .http()
          .post(TOKEN_ROUTE)
          .type('form')
          .send(`${extra}&grant_type=password&username=${ADMIN.email}&password=${CANARY}`);
        expectRefused(res, 400, TOKEN_ROUTE);
        expect(res.body.error).toBe('invalid_grant');
      },
    );

    it('refuses __proto__ as the grant fields themselves with invalid_request', async () => {
      const res = await t
        .http()
        .post(TOKEN_ROUTE)
        .type('form')
        .send('__proto__[grant_type]=password');
      expectRefused(res, 400, TOKEN_ROUTE);
    });
  });

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
      'sort=created_at',
      'limit=0x10',
      'limit=1e1',
      'limit=%205',
      'limit=+5',
      'limit=05',
      'q=a%00b',
      'q=a%E2%80%AEb',
    ])('refuses %s with 400', async (query) => {
      expectRefused(await bearer(t.http().get(`/leads?${query}`)), 400);
    });

    it.each([
      ['offset=-1', 'offset must be a whole number from 0 to 1000000000'],
      ['limit=abc', 'limit must be a whole number from 1 to 100'],
      ['limit=101', 'limit must be a whole number from 1 to 100'],
      ['limit=5&limit=6', 'limit must be a whole number from 1 to 100'],
    ])('names the one problem with %s', async (query, problem) => {
      const res = await bearer(t.http().get(`/leads?${query}`));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [problem] });
    });

    it('answers a huge but valid offset with an empty page', async () => {
      const res = await bearer(t.http().get('/leads?offset=1000000000'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    });
  });

  describe('bearer tokens', () => {
    let claims: Record<string, unknown>;
    const staffRoutes = () => [
      t.http().get('/leads'),
      t.http().get(`/leads/${pendingLead.id}`),
      t.http().get(`/leads/${uploadedLead.id}/resume`),
      t.http().put(`/leads/${pendingLead.id}`).send({ state: 'REACHED_OUT' }),
      t.http().get('/users'),
      t.http().get('/users/me'),
      t.http().patch(`/users/${attorneyId}`).send({ role: 'admin' }),
    ];
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(() => {
      claims = decodeJwt(admin);
    });

    it('accepts a token forged with the real key and claims (the cases below fail for their own reason)', async () => {
      const res = await t.http().get('/users/me').auth(forgeJwt(claims), { type: 'bearer' });
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
          const [head, , sig] = attorney.split('.');
          return `${head}.${b64url({ ...decodeJwt(attorney), role: 'admin' })}.${sig}`;
        },
      ],
      [
        'a tampered payload (sub swapped)',
        () => {
          const [head, , sig] = admin.split('.');
          return `${head}.${b64url({ ...claims, sub: attorneyId })}.${sig}`;
        },
      ],
      ['an old token version', () => forgeJwt({ ...claims, ver: (claims.ver as number) + 1 })],
      ['no token version', () => forgeJwt({ ...claims, ver: undefined })],
      ['a deleted user (random sub)', () => forgeJwt({ ...claims, sub: randomUUID() })],
      ['a sub that is SQL', () => forgeJwt({ ...claims, sub: "' OR 1=1 --" })],
      ['a sub that is an object', () => forgeJwt({ ...claims, sub: { $ne: null } })],
      ['no sub', () => forgeJwt({ ...claims, sub: undefined })],
      ['a token without a signature part', () => admin.split('.').slice(0, 2).join('.')],
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
      ['the token without a scheme', () => admin],
      ['three words', 'Bearer a b'],
    ] as Array<[string, string | (() => string)]>)('refuses %s with 401', async (_what, header) => {
      const res = await t
        .http()
        .get('/leads')
        .set('Authorization', typeof header === 'function' ? header() : header);
      expectRefused(res, 401);
    });

    it('refuses a 20 KB Authorization header (over Node’s header limit) with a JSON 431', async () => {
      const res = await t
        .http()
        .get('/leads')
        .set('Authorization', `Bearer ${'a'.repeat(20_000)}`);
      expectRefused(res, 431);
    });

    it('refuses a broken request line with a JSON 400', async () => {
      expectRefused(await rawHttp(port, 'GARBAGE\r\n\r\n'), 400);
      expectRefused(
        await rawHttp(port, 'GET /leads HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
        400,
      );
    });

    it('keeps attorneys out of /users with 403', async () => {
      for (const req of [
        t.http().get('/users'),
        t
          .http()
          .post('/users')
          .send({ ...ATTORNEY, email: 'new@firm.test', role: 'admin' }),
        t.http().patch(`/users/${attorneyId}`).send({ role: 'admin' }),
      ]) {
        expectRefused(await req.auth(attorney, { type: 'bearer' }), 403);
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
      expectRefused(
        await t.http().post('/leads').set('Idempotency-Key', key).send(validLead()),
        400,
      );
    });

    it.each([
      ['a control character', 'a\u0001b'],
      ['a NUL', 'a\u0000b'],
      ['DEL', 'a\u007fb'],
    ])('refuses a key with %s (raw bytes on the wire) with 400', async (_what, key) => {
      const body = JSON.stringify(validLead());
      const res = await rawHttp(
        port,
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
        t.http().get(`/leads/${id}`),
        t.http().get(`/leads/${id}/resume`),
        t.http().put(`/leads/${id}`).send({ state: 'REACHED_OUT' }),
      ]) {
        expectRefused(await bearer(req), 400);
      }
    });

    it.each(ids)('refuses the user id %s with 400', async (id) => {
      expectRefused(await bearer(t.http().patch(`/users/${id}`)).send({ name: 'X' }), 400);
    });

    it('answers 404 for paths that escape the routes', async () => {
      for (const path of ['/leads/../../etc/passwd', '/leads/x/y/z', '/users/me/../../leads']) {
        expectRefused(await bearer(t.http().get(path)), 404);
      }
    });

    it('answers 404 for unknown ids and for a lead without an uploaded file', async () => {
      expectRefused(await bearer(t.http().get(`/leads/${randomUUID()}`)), 404);
      expectRefused(await bearer(t.http().get(`/leads/${randomUUID()}/resume`)), 404);
      expectRefused(await bearer(t.http().get(`/leads/${pendingLead.id}/resume`)), 404);
      expectRefused(
        await bearer(t.http().patch(`/users/${randomUUID()}`)).send({ name: 'Nobody' }),
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
      const res = await bearer(t.http().post('/users')).send({
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
        const res = await bearer(t.http().post('/users')).send({
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
      expectRefused(await bearer(t.http().patch(`/users/${attorneyId}`)).send(change), 400);
    });
  });

  describe('afterwards', () => {
    it('still answers /health and /health/ready', async () => {
      expect((await t.http().get('/health')).status).toBe(200);
      expect((await t.http().get('/health/ready')).status).toBe(200);
    });

    it('left every stored lead and user as it was (apart from the leads made on purpose)', async () => {
      expect(created.size).toBeGreaterThan(0);
      expect(await takeSnapshot()).toEqual(snapshot);
    });

    it('left Object.prototype alone in both realms', () => {
      expect(PROTOTYPES.map((proto) => Object.getOwnPropertyNames(proto).sort())).toEqual(
        prototypeKeys,
      );
      expect(pollutionPlanted()).toBe(false);
    });

    it('still signs staff in', async () => {
      await expect(t.adminToken()).resolves.toEqual(expect.any(String));
      await expect(t.tokenFor(ATTORNEY.email, ATTORNEY.password)).resolves.toEqual(
        expect.any(String),
      );
    });
  });
});
