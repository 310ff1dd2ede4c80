import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface Hit {
  party_id: string;
  party_name: string;
  source: string;
  matched_on: string;
  rule: string;
}
interface StaffLead {
  id: string;
  conflict: 'clear' | 'possible';
  conflict_hits: Hit[];
}

describe('Conflict pre-check (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let attorney: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await t.http().post('/users').auth(admin, { type: 'bearer' }).send({
      email: 'conflict-attorney@firm.test',
      name: 'Conflict Attorney',
      password: 'a-long-enough-password',
      role: 'attorney',
    });
    attorney = await t.tokenFor('conflict-attorney@firm.test', 'a-long-enough-password');
  });
  afterAll(() => t.close());

  const register = async (name: string, kind = 'adverse'): Promise<string> => {
    const res = await t
      .http()
      .post('/conflict-parties')
      .auth(admin, { type: 'bearer' })
      .send({ name, kind, note: 'e2e' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const submit = async (body: Record<string, unknown>): Promise<{ id: string; body: object }> => {
    const res = await t.http().post('/leads').send(validLead(body));
    expect(res.status).toBe(201);
    return { id: res.body.id as string, body: res.body as object };
  };
  const staffView = async (id: string): Promise<StaffLead> =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' })).body as StaffLead;

  describe('the register', () => {
    it('is kept by admins: add, list, delete', async () => {
      const id = await register('Initech Holdings', 'client');
      const list = await t.http().get('/conflict-parties').auth(admin, { type: 'bearer' });
      expect(list.status).toBe(200);
      expect(list.headers['x-total-count']).toEqual(expect.any(String));
      expect(list.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id, name: 'Initech Holdings', kind: 'client', note: 'e2e' }),
        ]),
      );
      const bad = await t
        .http()
        .post('/conflict-parties')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'X', kind: 'friend' });
      expect(bad.status).toBe(400);
      const del = await t.http().delete(`/conflict-parties/${id}`).auth(admin, { type: 'bearer' });
      expect(del.status).toBe(204);
      const lead = await submit({ opposing_party: 'Initech Holdings' });
      expect((await staffView(lead.id)).conflict).toBe('clear');
    });

    it('answers 403 to attorneys', async () => {
      const as = { type: 'bearer' as const };
      const id = await register('Umbrella Corporation');
      const statuses = [
        (await t.http().get('/conflict-parties').auth(attorney, as)).status,
        (
          await t
            .http()
            .post('/conflict-parties')
            .auth(attorney, as)
            .send({ name: 'A', kind: 'other' })
        ).status,
        (await t.http().delete(`/conflict-parties/${id}`).auth(attorney, as)).status,
      ];
      expect(statuses).toEqual([403, 403, 403]);
    });
  });

  // Each rule: a register entry, a lead that matches it by that rule, and a near miss that does not.
  const rules: [string, string, Record<string, unknown>, Record<string, unknown>, string][] = [
    [
      'exact',
      'Globex Corporation',
      { opposing_party: 'globex  CORPORATION' },
      { opposing_party: 'Globex Industries' },
      'opposing_party',
    ],
    [
      'accents',
      'José Álvarez-García',
      { opposing_party: 'Jose Alvarez Garcia' },
      { opposing_party: 'Jose Alvarez' },
      'opposing_party',
    ],
    [
      'order',
      'Okonjo Ngozi',
      { first_name: 'Ngozi', last_name: 'Okonjo' },
      { first_name: 'Ngozika', last_name: 'Okonkwo' },
      'prospect',
    ],
    [
      'nickname',
      'William Hartley',
      { first_name: 'Bill', last_name: 'Hartley' },
      { first_name: 'Walter', last_name: 'Hartley' },
      'prospect',
    ],
    [
      'typo',
      'John Smith',
      { opposing_party: 'Jon Smithe' },
      { opposing_party: 'Joan Smythe-Baker' },
      'opposing_party',
    ],
  ];

  it.each(rules)(
    'finds a %s match with %s, and not a near miss',
    async (rule, name, hit, miss, side) => {
      const partyId = await register(name);
      const matched = await submit(hit);
      expect(matched.body).not.toHaveProperty('conflict');
      expect(matched.body).not.toHaveProperty('conflict_hits');
      const stored = await staffView(matched.id);
      expect(stored.conflict).toBe('possible');
      expect(stored.conflict_hits).toContainEqual({
        party_id: partyId,
        party_name: name,
        source: 'register',
        matched_on: side,
        rule,
      });
      const near = await staffView((await submit(miss)).id);
      expect(near.conflict_hits.filter((h) => h.party_id === partyId)).toEqual([]);
    },
  );

  it('checks a new lead against earlier leads’ other side', async () => {
    const earlier = await submit({
      first_name: 'Milton',
      last_name: 'Waddams',
      opposing_party: 'Bill Lumbergh',
    });
    const later = await staffView(
      (await submit({ first_name: 'William', last_name: 'Lumbergh' })).id,
    );
    expect(later.conflict_hits).toContainEqual({
      party_id: earlier.id,
      party_name: 'Bill Lumbergh',
      source: 'lead',
      matched_on: 'prospect',
      rule: 'nickname',
    });
    // The same person again is a returning prospect, not a conflict.
    const again = await staffView(
      (await submit({ first_name: 'Milton', last_name: 'Waddams' })).id,
    );
    expect(again.conflict).toBe('clear');
  });

  it('warns the attorneys, never the prospect, and filters by conflict', async () => {
    await register('Vandelay Industries', 'client');
    const lead = await submit({
      first_name: 'Art',
      last_name: 'Buyer',
      opposing_party: 'Vandelay Industries',
    });
    const notice = await waitFor(() =>
      t.smtp.messages.find(
        (m) =>
          m.headers.get('x-lead-id') === lead.id &&
          m.headers.get('x-notification') === 'attorney-notice',
      ),
    );
    expect(notice.text).toContain('POSSIBLE CONFLICT OF INTEREST');
    expect(notice.text).toContain('Vandelay Industries (conflict register, rule: exact)');
    expect(notice.html).toContain('Possible conflict of interest');
    const ack = await waitFor(() =>
      t.smtp.messages.find(
        (m) =>
          m.headers.get('x-lead-id') === lead.id &&
          m.headers.get('x-notification') === 'lead-acknowledgement',
      ),
    );
    expect(`${ack.text}${ack.html}`).not.toMatch(/conflict|Vandelay/i);
    const possible = await t
      .http()
      .get('/leads?conflict=possible&limit=100')
      .auth(admin, { type: 'bearer' });
    expect((possible.body as { id: string }[]).map((l) => l.id)).toContain(lead.id);
    const clear = await t
      .http()
      .get('/leads?conflict=clear&limit=100')
      .auth(admin, { type: 'bearer' });
    expect((clear.body as { id: string }[]).map((l) => l.id)).not.toContain(lead.id);
  });

  it('runs the check again on request, against today’s register', async () => {
    const lead = await submit({ opposing_party: 'Kramerica Industries' });
    expect((await staffView(lead.id)).conflict).toBe('clear');
    const partyId = await register('Kramerica Industries');
    const res = await t
      .http()
      .post(`/leads/${lead.id}/conflict-check`)
      .auth(attorney, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      conflict: 'possible',
      conflict_hits: [expect.objectContaining({ party_id: partyId })],
    });
  });
});
