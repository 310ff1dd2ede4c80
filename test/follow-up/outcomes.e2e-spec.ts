import { startTestApp, validLead, type TestApp } from '../support/test-app';

describe('Lead outcomes (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const newLead = async (): Promise<string> =>
    ((await t.http().post('/leads').send(validLead()).expect(201)).body as { id: string }).id;
  const move = (id: string, body: Record<string, unknown>) =>
    t.http().put(`/leads/${id}`).auth(admin, { type: 'bearer' }).send(body);
  const detail = async (id: string) =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body as {
      state: string;
      history: {
        from: string;
        to: string;
        by: { email: string } | null;
        at: string;
        reason?: string;
      }[];
    };

  it('moves PENDING → REACHED_OUT → RETAINED and records each move', async () => {
    const id = await newLead();
    expect((await move(id, { state: 'REACHED_OUT' })).status).toBe(200);
    const res = await move(id, { state: 'RETAINED' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'RETAINED', reached_out_at: expect.any(String) });
    const { history } = await detail(id);
    expect(history.map((h) => [h.from, h.to, h.by?.email])).toEqual([
      ['PENDING', 'REACHED_OUT', 'admin@firm.test'],
      ['REACHED_OUT', 'RETAINED', 'admin@firm.test'],
    ]);
    expect(history[1].reason).toBeUndefined();
  });

  it('declines a pending lead at once, with the reason in its history', async () => {
    const id = await newLead();
    const res = await move(id, { state: 'DECLINED', reason: '  Outside our practice areas ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'DECLINED', reached_out_at: null });
    const { history } = await detail(id);
    expect(history).toEqual([
      expect.objectContaining({
        from: 'PENDING',
        to: 'DECLINED',
        reason: 'Outside our practice areas',
      }),
    ]);
  });

  it('declines after reaching out', async () => {
    const id = await newLead();
    await move(id, { state: 'REACHED_OUT' }).expect(200);
    await move(id, { state: 'DECLINED' }).expect(200);
    expect((await detail(id)).state).toBe('DECLINED');
  });

  it('answers the same state again with 200 and changes nothing', async () => {
    const id = await newLead();
    await move(id, { state: 'DECLINED', reason: 'first' }).expect(200);
    const again = await move(id, { state: 'DECLINED', reason: 'second' });
    expect(again.status).toBe(200);
    const { history } = await detail(id);
    expect(history).toHaveLength(1);
    expect(history[0].reason).toBe('first');
  });

  it.each([
    [[], 'RETAINED'],
    [['REACHED_OUT'], 'PENDING'],
    [['REACHED_OUT', 'RETAINED'], 'DECLINED'],
    [['DECLINED'], 'RETAINED'],
    [['DECLINED'], 'REACHED_OUT'],
    [['REACHED_OUT', 'RETAINED'], 'PENDING'],
  ])('after %j refuses → %s with 409 and records nothing', async (path, to) => {
    const id = await newLead();
    for (const state of path) await move(id, { state }).expect(200);
    const res = await move(id, { state: to });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect((await detail(id)).history).toHaveLength(path.length);
  });

  it.each([
    [{ state: 'REACHED_OUT', reason: 'x' }, /only accepted with state DECLINED/],
    [{ state: 'DECLINED', reason: 'x'.repeat(501) }, /at most 500/],
    [{ state: 'DECLINED', reason: 'a\u0000b' }, /control/],
    [{ state: 'DECLINED', reason: 42 }, /string/],
    [{ state: 'LOST' }, /state/],
  ])('refuses %j with 400', async (body, message) => {
    const id = await newLead();
    const res = await move(id, body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect((await detail(id)).history).toHaveLength(0);
  });

  it('filters the list by the new states', async () => {
    const id = await newLead();
    await move(id, { state: 'DECLINED' }).expect(200);
    const res = await t
      .http()
      .get('/leads?state=DECLINED&limit=100')
      .auth(admin, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect((res.body as { id: string; state: string }[]).map((l) => l.id)).toContain(id);
    expect((res.body as { state: string }[]).every((l) => l.state === 'DECLINED')).toBe(true);
  });
});
