import { DataSource } from 'typeorm';
import { startTestApp, validLead, type TestApp } from '../support/test-app';
import {
  expectNoFollowUp,
  expectOneReminderAndEscalation,
  FAST_FOLLOW_UP,
  followUpRows,
  type NotificationRow,
  scheduleReader,
} from './follow-up-support';

describe('Speed-to-lead reminders and escalations (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const attorney = { email: 'quick@firm.test', password: 'a-long-enough-password' };

  beforeAll(async () => {
    t = await startTestApp(FAST_FOLLOW_UP);
    admin = await t.adminToken();
    for (const [email, role] of [
      [attorney.email, 'attorney'],
      ['second-admin@firm.test', 'admin'],
    ]) {
      await t
        .http()
        .post('/users')
        .auth(admin, { type: 'bearer' })
        .send({ email, name: 'Staff', password: attorney.password, role })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  const read = async (id: string): Promise<NotificationRow[]> =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body
      .notifications as NotificationRow[];
  const submit = async (): Promise<string> =>
    ((await t.http().post('/leads').send(validLead()).expect(201)).body as { id: string }).id;
  const overdueIds = async (): Promise<string[]> =>
    (
      (
        await t
          .http()
          .get('/leads?overdue=true&limit=100')
          .auth(admin, { type: 'bearer' })
          .expect(200)
      ).body as { id: string }[]
    ).map((l) => l.id);

  const schedule = scheduleReader((sql, params) => {
    const ds = t.app.get(DataSource);
    // SQLite numbers its parameters ?1, PostgreSQL $1.
    return ds.query(ds.options.type === 'postgres' ? sql : sql.replace('$1', '?'), params);
  });

  it('reminds the assignee once and escalates to every admin once; a contacted lead gets neither', async () => {
    const contacted = await submit();
    const pending = await submit();
    expect(await schedule(contacted)).toMatchObject({ stage: 'reminder' });
    await t
      .http()
      .put(`/leads/${contacted}`)
      .auth(admin, { type: 'bearer' })
      .send({ state: 'REACHED_OUT' })
      .expect(200);

    await expectOneReminderAndEscalation(t.smtp, read, schedule, pending, attorney.email, [
      'admin@firm.test',
      'second-admin@firm.test',
    ]);
    await expectNoFollowUp(t.smtp, read, schedule, contacted);

    const overdue = await overdueIds();
    expect(overdue).toContain(pending);
    expect(overdue).not.toContain(contacted);
    const bad = await t.http().get('/leads?overdue=yes').auth(admin, { type: 'bearer' });
    expect(bad.status).toBe(400);
  });

  it('follows up no spam: a lead marked spam leaves the schedule; released spam is assigned and followed up', async () => {
    const staffView = async (id: string) =>
      (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body as {
        assigned_to: { email: string } | null;
        follow_up_due_at: string | null;
      };
    const setSpam = (id: string, spam: boolean) =>
      t.http().put(`/leads/${id}/spam`).auth(admin, { type: 'bearer' }).send({ spam }).expect(200);

    const marked = await submit();
    expect(await schedule(marked)).toMatchObject({ stage: 'reminder' });
    await setSpam(marked, true);
    expect(await schedule(marked)).toEqual({ stage: null, next: null });
    expect((await staffView(marked)).follow_up_due_at).toBeNull();

    const caught = (
      (
        await t
          .http()
          .post('/leads')
          .send(validLead({ website: 'bot' }))
          .expect(201)
      ).body as {
        id: string;
      }
    ).id;
    expect(await staffView(caught)).toMatchObject({ assigned_to: null, follow_up_due_at: null });
    await setSpam(caught, false);
    const released = await staffView(caught);
    expect(released.assigned_to?.email).toBe(attorney.email);
    expect(released.follow_up_due_at).not.toBeNull();
    await expectOneReminderAndEscalation(t.smtp, read, schedule, caught, attorney.email, [
      'admin@firm.test',
      'second-admin@firm.test',
    ]);
    expect(followUpRows(await read(marked))).toEqual([]);
  });
});
