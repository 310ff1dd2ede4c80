import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface StaffLead {
  id: string;
  duplicate_of: string | null;
}

describe('Returning prospects (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const submit = async (body: Record<string, unknown>): Promise<string> => {
    const res = await t.http().post('/leads').send(body);
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('duplicate_of');
    return res.body.id as string;
  };
  const staffView = async (id: string): Promise<StaffLead> =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' })).body as StaffLead;
  const listIds = async (query: string): Promise<string[]> => {
    const res = await t.http().get(`/leads?limit=100&${query}`).auth(admin, { type: 'bearer' });
    expect(res.status).toBe(200);
    return (res.body as { id: string }[]).map((l) => l.id);
  };

  it('links a resubmission by the same e-mail (any case) to the first lead, and says so', async () => {
    const first = await submit(
      validLead({ email: 'grace.hopper@navy.example', first_name: 'Grace', last_name: 'Hopper' }),
    );
    const second = await submit(
      validLead({ email: 'Grace.HOPPER@Navy.Example', first_name: 'Grace', last_name: 'Hopper' }),
    );
    const third = await submit(
      validLead({ email: 'grace.hopper@navy.example', first_name: 'Grace', last_name: 'Hopper' }),
    );
    expect((await staffView(first)).duplicate_of).toBeNull();
    expect((await staffView(second)).duplicate_of).toBe(first);
    expect((await staffView(third)).duplicate_of).toBe(first);

    const notice = await waitFor(() =>
      t.smtp.messages.find(
        (m) =>
          m.headers.get('x-lead-id') === second &&
          m.headers.get('x-notification') === 'attorney-notice',
      ),
    );
    expect(notice.subject).toBe('Returning prospect: Grace Hopper');
    expect(notice.text).toContain(`http://leads.firm.test/admin?lead=${first}`);
    expect(notice.html).toContain(`/admin?lead&#x3D;${first}`);
    const firstNotice = await waitFor(() =>
      t.smtp.messages.find(
        (m) =>
          m.headers.get('x-lead-id') === first &&
          m.headers.get('x-notification') === 'attorney-notice',
      ),
    );
    expect(firstNotice.subject).toBe('New lead: Grace Hopper');
    const ack = t.smtp.messages.find(
      (m) =>
        m.headers.get('x-lead-id') === second &&
        m.headers.get('x-notification') === 'lead-acknowledgement',
    );
    expect(ack?.text ?? '').not.toContain('Returning');

    expect(await listIds('duplicate=true')).toEqual(expect.arrayContaining([second, third]));
    expect(await listIds('duplicate=true')).not.toContain(first);
    expect(await listIds('duplicate=false')).toContain(first);
    expect(await listIds('duplicate=false')).not.toContain(second);
  });

  it('does not link to an earlier lead that is spam', async () => {
    const spam = await submit(validLead({ email: 'once.spam@example.org', website: 'x' }));
    const real = await submit(validLead({ email: 'once.spam@example.org' }));
    expect((await staffView(spam)).duplicate_of).toBeNull();
    expect((await staffView(real)).duplicate_of).toBeNull();
  });

  it('links racing submits by one person to one first lead', async () => {
    const email = `racer.${Date.now()}@example.com`;
    const ids = await Promise.all(Array.from({ length: 6 }, () => submit(validLead({ email }))));
    const links = await Promise.all(ids.map(async (id) => (await staffView(id)).duplicate_of));
    const roots = ids.filter((_, i) => links[i] === null);
    expect(roots).toHaveLength(1);
    for (const [i, link] of links.entries()) if (ids[i] !== roots[0]) expect(link).toBe(roots[0]);
  });
});
