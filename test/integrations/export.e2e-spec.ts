import { parse } from 'csv-parse/sync';
import { LeadExportService } from '../../src/leads/export/lead-export.service';
import { startTestApp, validLead, type TestApp } from '../support/test-app';

const HEADER = [
  'id',
  'reference',
  'created_at',
  'first_name',
  'last_name',
  'email',
  'phone',
  'message',
  'opposing_party',
  'state',
  'spam',
  'duplicate_of',
  'conflict',
  'resume',
  'updated_at',
  'reached_out_at',
  'reached_out_by',
  'assigned_to',
  'follow_up_due_at',
];

describe('GET /leads/export.csv (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const download = (query = '', token = admin) =>
    t
      .http()
      .get(`/leads/export.csv${query}`)
      .auth(token, { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('streams every matching lead with a BOM, the columns, and no cell a spreadsheet would run', async () => {
    // What the validators let through that a spreadsheet would take for a formula.
    const hostile = [
      validLead({ first_name: '-2+3', last_name: '@SUM(A1)', email: '+1@example.com' }),
      validLead({ first_name: '=HYPERLINK("x")', last_name: 'Plain' }),
    ];
    const ids: string[] = [];
    for (const body of hostile) {
      const res = await t.http().post('/leads').send(body);
      if (res.status === 201) ids.push((res.body as { id: string }).id);
    }
    expect(ids.length).toBeGreaterThan(0); // at least one hostile name got in
    // Pages of 7: several keyset pages.
    t.app.get(LeadExportService).pageSize = 7;
    for (let i = 0; i < 20; i += 1) {
      await t
        .http()
        .post('/leads')
        .send(validLead({ last_name: 'Bulk' }))
        .expect(201);
    }
    const res = await download().expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const day = new Date().toISOString().slice(0, 10);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="leads-\\d{4}-\\d\\d-\\d\\d.csv"$`),
    );
    expect(res.headers['content-disposition']).toContain(day.slice(0, 4));
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(HEADER);
    const data = rows.slice(1);
    expect(data).toHaveLength(20 + ids.length);
    expect(new Set(data.map((r) => r[0])).size).toBe(data.length);
    expect(data.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    const minus = data.find((r) => r[0] === ids[0]);
    const cell = (name: string) => minus?.[HEADER.indexOf(name)];
    expect(['first_name', 'last_name', 'email'].map(cell)).toEqual([
      "'-2+3",
      "'@SUM(A1)",
      "'+1@example.com",
    ]);
  });

  it('applies the list filters', async () => {
    const res = await download('?q=-2%2B3').expect(200);
    const rows: string[][] = parse((res.body as Buffer).subarray(3).toString('utf8'));
    expect(rows).toHaveLength(2);
    expect((await download('?state=nope')).status).toBe(400);
  });

  it("follows the list's order and its follow-up filters (assigned_to, overdue)", async () => {
    const parseIds = (body: Buffer) => {
      const rows: string[][] = parse(body.subarray(3).toString('utf8'));
      return rows.slice(1).map((r) => r[0]);
    };
    const newestFirst = parseIds((await download().expect(200)).body as Buffer);
    const oldestFirst = parseIds((await download('?sort=created_at').expect(200)).body as Buffer);
    expect(oldestFirst.length).toBeGreaterThan(14); // more than two keyset pages of 7
    expect(oldestFirst).toEqual([...newestFirst].reverse());

    // One lead goes to a colleague: "mine" must leave it out, the colleague's holds only it.
    const colleague = await t
      .http()
      .post('/users')
      .auth(admin, { type: 'bearer' })
      .send({
        email: 'tom@firm.test',
        name: 'Tom Robinson',
        password: 'maycomb-county-2',
        role: 'attorney',
      })
      .expect(201);
    const colleagueId = (colleague.body as { id: string }).id;
    await t
      .http()
      .put(`/leads/${newestFirst[3]}/assignee`)
      .auth(admin, { type: 'bearer' })
      .send({ user_id: colleagueId })
      .expect(200);
    const listed = async (query: string) =>
      (
        (
          await t
            .http()
            .get(`/leads?limit=100&${query}`)
            .auth(admin, { type: 'bearer' })
            .expect(200)
        ).body as { id: string }[]
      ).map((lead) => lead.id);
    for (const query of ['assigned_to=me', `assigned_to=${colleagueId}`, 'overdue=true']) {
      const exported = parseIds((await download(`?${query}`).expect(200)).body as Buffer);
      expect({ query, ids: exported }).toEqual({ query, ids: await listed(query) });
    }
    expect(parseIds((await download(`?assigned_to=${colleagueId}`)).body as Buffer)).toEqual([
      newestFirst[3],
    ]);
  });

  it('is open to leads:read API keys and refused without a token', async () => {
    const key = await t
      .http()
      .post('/api-keys')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'export', scopes: ['leads:read'] })
      .expect(201);
    await download('?state=REACHED_OUT', (key.body as { key: string }).key).expect(200);
    expect((await t.http().get('/leads/export.csv')).status).toBe(401);
  });
});
