import { TransactionRunner } from '../../src/database/transaction-runner';
import { DataSource } from 'typeorm';
import { Lead } from '../../src/leads/lead.entity';
import { IntakeReportService } from '../../src/reports/intake-report.service';
import { startTestApp, validLead, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const MIN = 60_000;
const HOUR = 60 * MIN;
const RANGE = 'from=2026-01-05&to=2026-01-18';

/** A lead as the test builds it: received at, its source, assignee, moves and contact time. */
interface Plan {
  at: string;
  source?: Record<string, string>;
  assignee: 'alice' | 'bob';
  moves?: ('REACHED_OUT' | 'RETAINED' | 'DECLINED')[];
  contactAfterMin?: number;
  overdue?: boolean;
  spam?: boolean;
  erase?: boolean;
}

/**
 * Known leads, each with the figures it adds up to (see the expectations below): contacted after
 * 30, 90, 60, 240 and 10 minutes → median 60, p90 180 (90 + 0.6 × 150); Alice's 10, 30, 90 →
 * 30; Bob's 60, 240 → 150.
 */
const PLANS: Record<string, Plan> = {
  l1: {
    at: '2026-01-05T09:00:00Z',
    source: { utm_source: 'Google', utm_medium: 'cpc' },
    assignee: 'alice',
    moves: ['REACHED_OUT', 'RETAINED'],
    contactAfterMin: 30,
  },
  l2: {
    at: '2026-01-06T10:00:00Z',
    source: { utm_source: 'google' },
    assignee: 'alice',
    moves: ['REACHED_OUT', 'DECLINED'],
    contactAfterMin: 90,
  },
  l3: {
    at: '2026-01-07T08:00:00Z',
    source: { referrer: 'https://www.avvo.com/attorneys/x' },
    assignee: 'bob',
    moves: ['REACHED_OUT', 'RETAINED'],
    contactAfterMin: 60,
  },
  l4: {
    at: '2026-01-12T12:00:00Z',
    assignee: 'bob',
    moves: ['REACHED_OUT'],
    contactAfterMin: 240,
  },
  l5: { at: '2026-01-13T12:00:00Z', assignee: 'alice', overdue: true },
  l6: {
    at: '2026-01-14T12:00:00Z',
    source: { referrer: 'https://avvo.com/' },
    assignee: 'bob',
    moves: ['DECLINED'],
  },
  l7: { at: '2026-01-14T13:00:00Z', assignee: 'bob', spam: true },
  // The day after `to` (a bare date: its whole day is in, the next is not).
  l8: { at: '2026-01-19T00:00:00Z', assignee: 'alice', overdue: true },
  l9: {
    at: '2026-01-15T23:59:59.999Z',
    source: { utm_source: 'newsletter' },
    assignee: 'alice',
    moves: ['REACHED_OUT'],
    contactAfterMin: 10,
    erase: true,
  },
};

describe('GET /reports/intake (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let db: DataSource;
  const users: Record<'alice' | 'bob', { id: string; email: string; name: string }> = {} as never;
  const ids: Record<string, string> = {};
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ BUSINESS_HOURS: 'always' });
    admin = await t.adminToken();
    db = t.app.get(DataSource);
    for (const [key, name] of [
      ['alice', 'Alice Attorney'],
      ['bob', 'Bob Barrister'],
    ] as const) {
      const res = await t
        .http()
        .post('/users')
        .set(auth(admin))
        .send({
          email: `${key}@firm.test`,
          name,
          password: 'a-long-enough-password',
          role: 'attorney',
        })
        .expect(201);
      users[key] = { id: res.body.id, email: res.body.email, name };
    }
    for (const [key, plan] of Object.entries(PLANS)) {
      const res = await t
        .http()
        .post('/leads')
        .send(validLead({ source: plan.source, ...(plan.spam ? { website: 'bot' } : {}) }))
        .expect(201);
      const id = (ids[key] = res.body.id as string);
      for (const state of plan.moves ?? []) {
        await t.http().put(`/leads/${id}`).set(auth(admin)).send({ state }).expect(200);
      }
      const at = new Date(plan.at);
      const longAgo = new Date(Date.now() - 10 * HOUR);
      // Committed before the report reads it (reads go through their own connection).
      await t.app.get(TransactionRunner).run((em) =>
        em
          .createQueryBuilder()
          .update(Lead)
          .set({
            createdAt: at,
            assignedToId: users[plan.assignee].id,
            ...(plan.contactAfterMin !== undefined
              ? { reachedOutAt: new Date(at.getTime() + plan.contactAfterMin * MIN) }
              : {}),
            // Due ten hours ago: the reminder is due now, the escalation (4 h later) too.
            ...(plan.overdue
              ? { followUpDueAt: longAgo, followUpStage: 'reminder', followUpNextAt: longAgo }
              : {}),
          })
          .where('id = :id', { id })
          .execute(),
      );
      if (plan.erase) await t.http().delete(`/leads/${id}`).set(auth(admin)).expect(204);
    }
    // The follow-up scheduler plans both steps of the overdue leads, then takes them off.
    for (const key of ['l5', 'l8']) {
      await waitFor(
        async () => {
          const [row] = await db.query<{ stage: string | null }[]>(
            `SELECT follow_up_stage AS stage FROM leads WHERE id = '${ids[key]}'`,
          );
          return row.stage === null;
        },
        { timeoutMs: 20_000, what: `${key}'s follow-up steps` },
      );
    }
  });
  afterAll(() => t.close());

  const report = (query: string, token = admin) =>
    t.http().get(`/reports/intake?${query}`).set(auth(token));

  it('adds up the leads in the range: states, sources, conversion, speed, attorneys, follow-up', async () => {
    const res = await report(RANGE).expect(200);
    expect(res.body).toEqual({
      from: '2026-01-05T00:00:00.000Z',
      to: '2026-01-19T00:00:00.000Z',
      total: 7,
      by_state: { PENDING: 1, REACHED_OUT: 2, RETAINED: 2, DECLINED: 2 },
      by_source: [
        { source: 'avvo.com', total: 2, retained: 1, conversion_rate: 0.5 },
        { source: 'direct', total: 2, retained: 0, conversion_rate: null },
        { source: 'google', total: 2, retained: 1, conversion_rate: 0.5 },
        // The erased lead: counted, its source gone with its personal data.
        { source: 'unknown', total: 1, retained: 0, conversion_rate: null },
      ],
      conversion_rate: 0.5,
      time_to_first_contact: { median_minutes: 60, p90_minutes: 180 },
      per_attorney: [
        {
          user: users.alice,
          assigned: 4,
          reached_out: 3,
          retained: 1,
          median_minutes: 30,
          overdue: 1,
        },
        {
          user: users.bob,
          assigned: 3,
          reached_out: 2,
          retained: 1,
          median_minutes: 150,
          overdue: 0,
        },
      ],
      reminders: 1,
      escalations: 1,
      weekly: [
        { week_start: '2026-01-05', source: 'avvo.com', total: 1 },
        { week_start: '2026-01-05', source: 'google', total: 2 },
        { week_start: '2026-01-12', source: 'avvo.com', total: 1 },
        { week_start: '2026-01-12', source: 'direct', total: 2 },
        { week_start: '2026-01-12', source: 'unknown', total: 1 },
      ],
    });
  });

  it('counts the lead after `to` when the range includes its day, and none before `from`', async () => {
    const later = (await report('from=2026-01-19&to=2026-01-19').expect(200)).body;
    expect(later).toMatchObject({ total: 1, by_state: { PENDING: 1 }, reminders: 1 });
    expect(later.per_attorney).toEqual([
      expect.objectContaining({ user: users.alice, overdue: 1 }),
    ]);
    const empty = (await report('from=2025-01-01&to=2025-12-31').expect(200)).body;
    expect(empty).toMatchObject({
      total: 0,
      by_state: { PENDING: 0, REACHED_OUT: 0, RETAINED: 0, DECLINED: 0 },
      by_source: [],
      conversion_rate: null,
      time_to_first_contact: { median_minutes: null, p90_minutes: null },
      per_attorney: [],
      reminders: 0,
      escalations: 0,
      weekly: [],
    });
  });

  it('defaults to the last 30 days up to now', async () => {
    const before = Date.now();
    const res = await report('').expect(200);
    const to = Date.parse(res.body.to);
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to - Date.parse(res.body.from)).toBe(30 * 24 * HOUR);
    expect(res.body.total).toBe(0);
  });

  it('computes a period once for many requests at once and for the next 15 s', async () => {
    const compute = jest.spyOn(
      IntakeReportService.prototype as unknown as { compute: () => Promise<unknown> },
      'compute',
    );
    try {
      const query = 'from=2026-02-01&to=2026-02-28';
      const answers = await Promise.all(Array.from({ length: 5 }, () => report(query)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect((await report(query).expect(200)).body).toEqual(answers[0].body);
      expect(compute).toHaveBeenCalledTimes(1);
      await report('from=2026-02-01&to=2026-03-01').expect(200);
      expect(compute).toHaveBeenCalledTimes(2);
    } finally {
      compute.mockRestore();
    }
  });

  it('takes date-times with offsets', async () => {
    // 09:00Z is l1's receipt time: 10:00+01:00 is exactly it (inclusive).
    const res = await report('from=2026-01-05T10:00:00%2B01:00&to=2026-01-05T09:00:01Z');
    expect(res.body).toMatchObject({ total: 1, from: '2026-01-05T09:00:00.000Z' });
  });

  it('takes a date-time `from` inside a bare-date `to`, which ends at the next midnight', async () => {
    const res = await report('from=2026-01-19T12:00Z&to=2026-01-19').expect(200);
    expect(res.body).toMatchObject({
      from: '2026-01-19T12:00:00.000Z',
      to: '2026-01-20T00:00:00.000Z',
    });
  });

  it.each([
    ['from=2026-01-20T00:00Z&to=2026-01-19', 'to must not be before from'],
    ['from=yesterday', 'from must be an ISO-8601 date'],
    ['to=2026-02-30', 'to must be an ISO-8601 date'],
    ['from=2026-02-01&to=2026-01-01', 'to must not be before from'],
    ['from=2025-01-01&to=2026-01-02', 'must not exceed 366 days'],
    ['from=2999-01-01', 'from must not be after to'],
    ['limit=5', 'property limit should not exist'],
  ])('refuses %s with 400', async (query, message) => {
    const res = await report(query);
    expect(res.status).toBe(400);
    expect((res.body as { message: string[] }).message.join(' ')).toContain(message);
  });

  it('is for staff: attorneys and leads:read keys read it; 401 without a token, 403 for a key without leads:read', async () => {
    const attorney = await t.tokenFor('alice@firm.test', 'a-long-enough-password');
    expect((await report(RANGE, attorney).expect(200)).body.total).toBe(7);
    const key = async (scopes: string[]) =>
      (
        await t
          .http()
          .post('/api-keys')
          .set(auth(admin))
          .send({ name: scopes.join(), scopes })
          .expect(201)
      ).body.key as string;
    expect((await report(RANGE, await key(['leads:read'])).expect(200)).body.total).toBe(7);
    expect((await report(RANGE, await key(['leads:write']))).status).toBe(403);
    const anonymous = await t.http().get('/reports/intake');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});
