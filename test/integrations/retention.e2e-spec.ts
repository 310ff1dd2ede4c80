import { TransactionRunner } from '../../src/database/transaction-runner';
import { RetentionJob } from '../../src/leads/erasure/retention.job';
import { Lead } from '../../src/leads/lead.entity';
import { startTestApp, validLead, type TestApp } from '../support/test-app';

const DAY_MS = 24 * 3600 * 1000;

describe('RETENTION_DAYS (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RETENTION_DAYS: '30' });
  });
  afterAll(() => t.close());

  it('erases leads older than the limit once per day, and keeps younger ones', async () => {
    const post = async () =>
      ((await t.http().post('/leads').send(validLead()).expect(201)).body as { id: string }).id;
    const old = await post();
    const young = await post();
    await t.app
      .get(TransactionRunner)
      .run((em) => em.update(Lead, { id: old }, { createdAt: new Date(Date.now() - 40 * DAY_MS) }));
    // A day later than the run the service claimed at start-up: due again.
    const tomorrow = new Date(Date.now() + DAY_MS + 60_000);
    const job = t.app.get(RetentionJob);
    expect(await job.runIfDue(tomorrow)).toBe(1);
    expect(await job.runIfDue(tomorrow)).toBeNull(); // already claimed for that day
    const admin = await t.adminToken();
    expect((await t.http().get(`/leads/${old}`).auth(admin, { type: 'bearer' })).status).toBe(410);
    await t.http().get(`/leads/${young}`).auth(admin, { type: 'bearer' }).expect(200);
    const audit = await t.http().get(`/audit?lead_id=${old}`).auth(admin, { type: 'bearer' });
    expect(audit.body).toEqual([expect.objectContaining({ action: 'lead.erased', user_id: null })]);
  });
});
