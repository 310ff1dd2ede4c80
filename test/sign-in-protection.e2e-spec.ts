import request from 'supertest';
import { PasswordHasher } from '../src/users/password-hasher';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

const OWNER = { email: 'owner@firm.test', password: 'owner-password-123' };
const BYSTANDER = { email: 'bystander@firm.test', password: 'bystander-password-1' };
const WRONG = 'not-the-password-123';

/** Creates a user through the API (as the admin). */
async function addUser(t: TestApp, user: { email: string; password: string }): Promise<void> {
  const res = await t
    .http()
    .post('/users')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({ ...user, name: 'Test User', role: 'attorney' });
  expect(res.status).toBe(201);
}

const form = (username: string, password: string) => ({
  grant_type: 'password',
  username,
  password,
});

describe('Sign-in protection (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // TRUST_PROXY: each request may pose as another client through X-Forwarded-For. A bcrypt
    // cost where a hash takes tens of milliseconds, so a queue of guesses would be felt.
    t = await startTestApp({
      THROTTLE_LOGIN_FAILURES_PER_MINUTE: '5',
      TRUST_PROXY: 'true',
      BCRYPT_COST: '10',
    });
    await addUser(t, OWNER);
    await addUser(t, BYSTANDER);
  });
  afterAll(() => t.close());

  const signIn = (ip: string, username: string, password: string) =>
    t
      .http()
      .post('/auth/token')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send(form(username, password));

  it('evaluates at most 5 of 40 parallel guesses, refuses the right password after them, and keeps other sign-ins out of their queue', async () => {
    // Watch the password checks: how many are waiting or running when the bystander's begins.
    const hasher = t.app.get(PasswordHasher);
    const verify = hasher.verifyOrWaste.bind(hasher);
    let inFlight = 0;
    let aheadOfBystander = -1;
    const spy = jest.spyOn(hasher, 'verifyOrWaste').mockImplementation(async (password, hash) => {
      if (password === BYSTANDER.password) aheadOfBystander = inFlight;
      inFlight += 1;
      try {
        return await verify(password, hash);
      } finally {
        inFlight -= 1;
      }
    });
    try {
      const burst = Promise.all(
        Array.from({ length: 40 }, () => signIn('203.0.113.66', OWNER.email, WRONG)),
      );
      // Another user, elsewhere, signs in while the burst is being answered.
      const bystander = await signIn('198.51.100.7', BYSTANDER.email, BYSTANDER.password);
      const statuses = (await burst).map((r) => r.status);

      expect(bystander.status).toBe(200);
      // Before the fix all 40 guesses queued for bcrypt ahead of it (2.5 s at cost 10 here);
      // now the burst's checks run one at a time, so at most one is ahead.
      expect(aheadOfBystander).toBeGreaterThanOrEqual(0);
      expect(aheadOfBystander).toBeLessThanOrEqual(1);
      expect(spy.mock.calls.filter(([password]) => password === WRONG).length).toBeLessThanOrEqual(
        5,
      );
      expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    } finally {
      spy.mockRestore();
    }

    const right = await signIn('203.0.113.66', OWNER.email, OWNER.password);
    expect(right.status).toBe(429);
    expect(right.body.access_token).toBeUndefined();
    expect(right.body).toEqual({ error: 'slow_down', error_description: expect.any(String) });
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  describe('device cookies', () => {
    const VICTIM = { email: 'victim@firm.test', password: 'victim-password-12' };
    let browser: ReturnType<typeof request.agent>;

    beforeAll(async () => {
      await addUser(t, VICTIM);
      // The owner's browser signed in before the attack, and kept the cookie it got.
      browser = request.agent(t.app.getHttpServer());
      const first = await browser
        .post('/auth/token')
        .set('X-Forwarded-For', '192.0.2.10')
        .type('form')
        .send(form(VICTIM.email, VICTIM.password));
      expect(first.status).toBe(200);
      const cookie = String(first.headers['set-cookie']);
      expect(cookie).toMatch(/^lead_intake_device=[\w-]+\.[\w-]+;/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/auth/);
      // Strangers fail 8 times from other addresses: the account is locked for them.
      for (let i = 0; i < 8; i++) {
        await signIn(`198.51.100.${100 + i}`, VICTIM.email, WRONG);
      }
    });

    it('lets the owner sign in from the browser that signed in before', async () => {
      const res = await browser
        .post('/auth/token')
        .set('X-Forwarded-For', '192.0.2.10')
        .type('form')
        .send(form(VICTIM.email, VICTIM.password));
      expect(res.status).toBe(200);
      expect(res.body.access_token).toEqual(expect.any(String));
    });

    it('answers a new client without the cookie with 429, even with the right password', async () => {
      const res = await signIn('192.0.2.11', VICTIM.email, VICTIM.password);
      expect(res.status).toBe(429);
      expect(res.body.error).toBe('slow_down');
    });

    it('does not trust a device cookie issued for another account, or a tampered one', async () => {
      const other = await t
        .http()
        .post('/auth/token')
        .type('form')
        .send(form(BYSTANDER.email, BYSTANDER.password));
      const bystanderCookie = String(other.headers['set-cookie']).split(';')[0];
      const withOthers = await signIn('192.0.2.12', VICTIM.email, VICTIM.password).set(
        'Cookie',
        bystanderCookie,
      );
      expect(withOthers.status).toBe(429);
      const [name, value] = bystanderCookie.split('=');
      const tampered = `${name}=${value.slice(0, -2)}xx`;
      const withTampered = await signIn('192.0.2.13', VICTIM.email, VICTIM.password).set(
        'Cookie',
        tampered,
      );
      expect(withTampered.status).toBe(429);
    });

    it('limits a trusted device on its own: 5 failures lock that device, not the others', async () => {
      const device = request.agent(t.app.getHttpServer());
      const attempt = (password: string) =>
        device
          .post('/auth/token')
          .set('X-Forwarded-For', '192.0.2.20')
          .type('form')
          .send(form(BYSTANDER.email, password));
      expect((await attempt(BYSTANDER.password)).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await attempt(WRONG)).status).toBe(400);
      expect((await attempt(BYSTANDER.password)).status).toBe(429);
      expect((await signIn('192.0.2.21', BYSTANDER.email, BYSTANDER.password)).status).toBe(200);
    });
  });

  it('does not count successful sign-ins', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await signIn('192.0.2.77', ADMIN.email, ADMIN.password)).status).toBe(200);
    }
  });
});
