import { describePostgres } from './support/describe-db';
import { type InstancePair, startInstancePair } from './support/instance-pair';
import type { ServiceProcess } from './support/service-process';
import { ADMIN, validLead } from './support/test-app';

interface LeadBody {
  id: string;
  state: string;
}

describePostgres('Two service instances on one PostgreSQL (e2e)', () => {
  let pair: InstancePair;
  let instances: ServiceProcess[] = [];

  beforeAll(async () => {
    pair = await startInstancePair('two');
    instances = pair.instances;
  }, 60_000);
  afterAll(() => pair?.stop());

  const call = async (i: number, path: string, init: RequestInit = {}, token?: string) => {
    const res = await fetch(`${instances[i % 2].baseUrl}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    const body: unknown = await res.json();
    return { status: res.status, headers: res.headers, body };
  };

  it('share leads, states and tokens', async () => {
    // A token from instance 0 works on instance 1: same secret, same users table.
    const token = await instances[0].token(ADMIN.email, ADMIN.password);

    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await call(i, '/leads', { method: 'POST', body: JSON.stringify(validLead()) });
      expect(res.status).toBe(201);
      ids.push((res.body as LeadBody).id);
    }
    // Mark every other lead reached out, alternating which instance does it.
    for (let i = 0; i < ids.length; i += 2) {
      const res = await call(
        i + 1,
        `/leads/${ids[i]}`,
        { method: 'PUT', body: JSON.stringify({ state: 'REACHED_OUT' }) },
        token,
      );
      expect(res.status).toBe(200);
    }
    const [a, b] = await Promise.all([0, 1].map((i) => call(i, '/leads?limit=100', {}, token)));
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.headers.get('x-total-count')).toBe('10');
    const states = new Map((a.body as LeadBody[]).map((l) => [l.id, l.state]));
    ids.forEach((id, i) => expect(states.get(id)).toBe(i % 2 === 0 ? 'REACHED_OUT' : 'PENDING'));

    // Exactly one admin was created although both instances booted on the empty database together.
    const users = await call(1, '/users', {}, token);
    expect((users.body as { email: string }[]).filter((u) => u.email === ADMIN.email)).toHaveLength(
      1,
    );
  });
});
