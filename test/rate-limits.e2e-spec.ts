import { ADMIN, startTestApp, validLead, type TestApp } from './support/test-app';

describe('Rate limits (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // TRUST_PROXY lets each test pose as a different client through X-Forwarded-For, as a
    // load balancer would present them.
    t = await startTestApp({
      THROTTLE_LEADS_PER_MINUTE: '10',
      THROTTLE_LOGIN_FAILURES_PER_MINUTE: '5',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => t.close());

  const submitFrom = (ip: string) =>
    t.http().post('/leads').set('X-Forwarded-For', ip).send(validLead());
  const loginFrom = (ip: string, username: string, password: string) =>
    t
      .http()
      .post('/auth/token')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ grant_type: 'password', username, password });

  it('answers the 11th submit in a minute from one IP with 429 and Retry-After', async () => {
    for (let i = 0; i < 10; i++) expect((await submitFrom('203.0.113.10')).status).toBe(201);
    const eleventh = await submitFrom('203.0.113.10');
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect(eleventh.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('does not limit a different IP or staff routes', async () => {
    expect((await submitFrom('203.0.113.11')).status).toBe(201);
    const token = await t.adminToken();
    for (let i = 0; i < 15; i++) {
      const res = await t
        .http()
        .get('/leads')
        .set('X-Forwarded-For', '203.0.113.10')
        .auth(token, { type: 'bearer' });
      expect(res.status).toBe(200);
    }
  });

  it('caps the submits of one address per day (THROTTLE_LEADS_PER_DAY)', async () => {
    const daily = await startTestApp({
      THROTTLE_LEADS_PER_MINUTE: '100',
      THROTTLE_LEADS_PER_DAY: '3',
      TRUST_PROXY: 'true',
    });
    try {
      const from = (ip: string) =>
        daily.http().post('/leads').set('X-Forwarded-For', ip).send(validLead());
      for (let i = 0; i < 3; i++) expect((await from('203.0.113.40')).status).toBe(201);
      const fourth = await from('203.0.113.40');
      expect(fourth.status).toBe(429);
      // A day's wait, give or take the time the test took.
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(23 * 3600);
      expect((await from('203.0.113.41')).status).toBe(201);
    } finally {
      await daily.close();
    }
  });

  it('answers the 6th failed login for a username with 429, even from other IPs', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await loginFrom(`198.51.100.${i + 1}`, 'victim@firm.test', 'wrong-password-xx');
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
    }
    const sixth = await loginFrom('198.51.100.99', 'victim@firm.test', 'wrong-password-xx');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(sixth.headers['cache-control']).toBe('no-store');
    expect(sixth.body).toEqual({ error: 'slow_down', error_description: expect.any(String) });
  });

  it('answers the 6th failed login from one IP with 429 whatever the username', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await loginFrom('192.0.2.50', `nobody${i}@firm.test`, 'wrong-password-xx')).status,
      ).toBe(400);
    }
    const blocked = await loginFrom('192.0.2.50', ADMIN.email, ADMIN.password);
    expect(blocked.status).toBe(429);
    // Another address signs in with the same account as usual.
    const other = await loginFrom('192.0.2.51', ADMIN.email, ADMIN.password);
    expect(other.status).toBe(200);
  });

  it('does not count successful logins', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await loginFrom('192.0.2.77', ADMIN.email, ADMIN.password)).status).toBe(200);
    }
  });
});
