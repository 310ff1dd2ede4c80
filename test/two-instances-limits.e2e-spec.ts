import { describePostgres } from './support/describe-db';
import { type InstancePair, startInstancePair } from './support/instance-pair';
import type { ServiceProcess } from './support/service-process';
import { ADMIN, validLead } from './support/test-app';

describePostgres('Limits and sign-outs across two instances on one PostgreSQL (e2e)', () => {
  let pair: InstancePair;
  let instances: ServiceProcess[] = [];

  beforeAll(async () => {
    pair = await startInstancePair('limits', {
      THROTTLE_LOGIN_FAILURES_PER_MINUTE: '5',
      THROTTLE_LEADS_PER_MINUTE: '4',
      TRUST_PROXY: 'true',
    });
    instances = pair.instances;
  }, 60_000);
  afterAll(() => pair?.stop());

  const post = (i: number, path: string, body: string, type: string, ip: string) =>
    fetch(`${instances[i % 2].baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': type, 'X-Forwarded-For': ip },
      body,
    });
  const signIn = (i: number, ip: string, username: string, password: string) =>
    post(
      i,
      '/auth/token',
      new URLSearchParams({ grant_type: 'password', username, password }).toString(),
      'application/x-www-form-urlencoded',
      ip,
    );

  // First: the sign-in limit test below locks the admin's username for a minute.
  it('refuses on one instance a token revoked on the other', async () => {
    const token = await instances[0].token(ADMIN.email, ADMIN.password);
    const me = (i: number) =>
      fetch(`${instances[i].baseUrl}/users/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await me(1)).status).toBe(200);
    const revoked = await post(
      0,
      '/auth/revoke',
      new URLSearchParams({ token }).toString(),
      'application/x-www-form-urlencoded',
      '192.0.2.1',
    );
    expect(revoked.status).toBe(200);
    expect((await me(1)).status).toBe(401);
  });

  it('counts failed sign-ins split across the instances against one limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await signIn(i, '203.0.113.5', ADMIN.email, 'wrong-password-123')).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // And the right password, on the instance that saw fewer of them, is refused too.
    expect((await signIn(1, '203.0.113.5', ADMIN.email, ADMIN.password)).status).toBe(429);
  });

  it('counts submits split across the instances against one limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(
        i,
        '/leads',
        JSON.stringify(validLead()),
        'application/json',
        '203.0.113.6',
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  });
});
