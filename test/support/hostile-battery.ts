import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Response } from 'superagent';
import type { Test } from 'supertest';
import { makePdf, MIME } from './documents';
import { ADMIN, JWT_SECRET, startTestApp, validLead, type TestApp } from './test-app';

/**
 * The hostile-input battery (test/hostile-input/): malformed, oversized, nested, spoofed and
 * injected input thrown at the public and staff routes. Every refusal must be a 4xx with a JSON
 * message that leaks nothing; afterwards the process must still answer and the stored data must be
 * as it was (apart from leads made on purpose). Each spec file runs its surface against its own
 * app, through describeHostile.
 */

/** What a hostile request gets back: a supertest response, or one read off a raw socket. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export const ATTORNEY = {
  email: 'attorney@firm.test',
  password: 'attorney-password-12',
  name: 'Atty',
};
/** Sent as the password in hostile bodies: it must never come back in an answer. */
export const CANARY = 'canary-Passw0rd-7f3e9c1a';
const SECRETS = [ADMIN.password, ATTORNEY.password, CANARY, JWT_SECRET];
const OAUTH_ERRORS = ['invalid_request', 'invalid_grant', 'unsupported_grant_type', 'slow_down'];
export const TOKEN_ROUTE = '/auth/token';
/** The key prototype-pollution payloads try to plant on every object. */
export const PLANTED = 'hostilePlanted';

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
export function expectNoLeak(text: string): void {
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
export function expectRefused(res: Answer, expected?: number, route?: string): void {
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

export const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT signed (or not) exactly as told, to forge what an attacker would. */
export function forgeJwt(
  payload: Record<string, unknown>,
  { alg = 'HS256', key = JWT_SECRET }: { alg?: string; key?: string } = {},
): string {
  const data = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  if (!hash) return `${data}.`;
  return `${data}.${createHmac(hash, key).update(data).digest('base64url')}`;
}

export const decodeJwt = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

/** Nested `depth` levels deep, built as text: JSON.stringify itself would be fine, but slower. */
export const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
export const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A JSON lead with `extra` spliced in verbatim as more members. */
export const leadJsonWith = (extra: string, lead = validLead()) =>
  `${JSON.stringify(lead).slice(0, -1)},${extra}}`;

/** Sends one request over a fresh socket, byte for byte, and reads the whole answer. */
export function rawHttp(port: number, request: string | Buffer): Promise<Answer> {
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
export function formFields(overrides: Record<string, string> = {}): Record<string, string> {
  const { resume: _url, ...fields } = validLead(overrides) as Record<string, string>;
  return fields;
}

export const pollutionPlanted = () =>
  PROTOTYPES.some((proto) => Object.prototype.hasOwnProperty.call(proto, PLANTED)) ||
  ({} as Record<string, unknown>)[PLANTED] !== undefined;

const prototypeKeys = () => PROTOTYPES.map((proto) => Object.getOwnPropertyNames(proto).sort());

/** The stored data a battery compares before and after (notifications move on by themselves). */
interface Snapshot {
  leads: Array<Record<string, unknown>>;
  details: unknown[];
  users: unknown[];
}

/**
 * One app under attack, set up with an admin, an attorney and two leads (one pending, one with an
 * uploaded résumé and reached out), and a snapshot of the stored data to compare with afterwards.
 * Fields are set in beforeAll; the helpers are arrow functions, so they may be destructured.
 */
export class HostileBattery {
  t!: TestApp;
  port!: number;
  admin!: string;
  attorney!: string;
  attorneyId!: string;
  pendingLead!: { id: string };
  uploadedLead!: { id: string };
  /** Leads this battery made on purpose (201): left out of the before/after comparison. */
  readonly created = new Set<string>();
  private snapshot!: Snapshot;
  private prototypeKeys!: string[][];

  http = () => this.t.http();
  bearer = (req: Test, token = this.admin) => req.auth(token, { type: 'bearer' });
  submitJson = (body: string, contentType = 'application/json') =>
    this.http().post('/leads').set('Content-Type', contentType).send(body);
  submitToken = (body: string, contentType = 'application/json') =>
    this.http().post(TOKEN_ROUTE).set('Content-Type', contentType).send(body);
  multipart = (fields: Record<string, string>, file = makePdf(), filename = 'cv.pdf') => {
    const req = this.http().post('/leads');
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach('resume', file, { filename, contentType: MIME.pdf });
  };

  /** Accepted on purpose: 201, JSON, tracked so the final comparison leaves it out. */
  expectCreated = (res: Response): { id: string; [field: string]: unknown } => {
    if (res.status !== 201) throw new Error(`expected 201, got ${res.status} ${res.text}`);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    this.created.add(res.body.id);
    expectNoLeak(res.text);
    return res.body;
  };

  allLeads = async (): Promise<Array<Record<string, unknown>>> => {
    const leads: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += 100) {
      const res = await this.bearer(this.http().get(`/leads?limit=100&offset=${offset}`));
      expect(res.status).toBe(200);
      leads.push(...(res.body as Array<Record<string, unknown>>));
      if (leads.length >= Number(res.headers['x-total-count'])) return leads;
    }
  };

  async start(): Promise<void> {
    this.t = await startTestApp();
    await this.t.app.listen(0, '127.0.0.1');
    this.port = (this.t.app.getHttpServer().address() as AddressInfo).port;
    this.admin = await this.t.adminToken();
    const user = await this.bearer(this.http().post('/users')).send({
      ...ATTORNEY,
      role: 'attorney',
    });
    expect(user.status).toBe(201);
    this.attorneyId = user.body.id;
    this.attorney = await this.t.tokenFor(ATTORNEY.email, ATTORNEY.password);

    this.pendingLead = (
      await this.http()
        .post('/leads')
        .send(validLead({ first_name: 'Pending' }))
    ).body;
    this.uploadedLead = (await this.multipart(formFields({ first_name: 'Uploaded' }))).body;
    const reached = await this.bearer(this.http().put(`/leads/${this.uploadedLead.id}`)).send({
      state: 'REACHED_OUT',
    });
    expect(reached.status).toBe(200);
    this.snapshot = await this.takeSnapshot();
    expect(this.snapshot.leads).toHaveLength(2);
    this.prototypeKeys = prototypeKeys();
  }

  close(): Promise<void> {
    return this.t.close();
  }

  private async takeSnapshot(): Promise<Snapshot> {
    const leads = (await this.allLeads()).filter((lead) => !this.created.has(lead.id as string));
    const details = [];
    for (const lead of leads) {
      const res = await this.bearer(this.http().get(`/leads/${lead.id as string}`));
      const { notifications: _deliveryMovesOn, ...detail } = res.body;
      details.push(detail);
    }
    const users = await this.bearer(this.http().get('/users'));
    expect(users.status).toBe(200);
    return { leads, details, users: users.body as unknown[] };
  }

  /**
   * The checks every spec file ends with, for its own app. `leadsMadeOnPurpose` says whether the
   * file accepts leads on purpose: if it does, some must have been tracked; if not, none may be.
   */
  describeAfterwards({ leadsMadeOnPurpose }: { leadsMadeOnPurpose: boolean }): void {
    describe('afterwards', () => {
      it('still answers /health and /health/ready', async () => {
        expect((await this.http().get('/health')).status).toBe(200);
        expect((await this.http().get('/health/ready')).status).toBe(200);
      });

      it('left every stored lead and user as it was (apart from the leads made on purpose)', async () => {
        expect(this.created.size > 0).toBe(leadsMadeOnPurpose);
        expect(await this.takeSnapshot()).toEqual(this.snapshot);
      });

      it('left Object.prototype alone in both realms', () => {
        expect(prototypeKeys()).toEqual(this.prototypeKeys);
        expect(pollutionPlanted()).toBe(false);
      });

      it('still signs staff in', async () => {
        await expect(this.t.adminToken()).resolves.toEqual(expect.any(String));
        await expect(this.t.tokenFor(ATTORNEY.email, ATTORNEY.password)).resolves.toEqual(
          expect.any(String),
        );
      });
    });
  }
}

/**
 * A describe run against its own battery: the app starts in beforeAll and closes in afterAll, and
 * the afterwards checks come last, after the surface's own specs.
 */
export function describeHostile(
  title: string,
  options: { leadsMadeOnPurpose: boolean },
  specs: (battery: HostileBattery) => void,
): void {
  describe(title, () => {
    const battery = new HostileBattery();
    beforeAll(() => battery.start());
    afterAll(() => battery.close());
    specs(battery);
    battery.describeAfterwards(options);
  });
}
