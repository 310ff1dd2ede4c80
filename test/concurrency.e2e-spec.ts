import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { TransactionRunner } from '../src/database/transaction-runner';
import { Lead } from '../src/leads/lead.entity';
import { startTestApp, validLead, type TestApp } from './support/test-app';

describe('Concurrency (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('records one history entry when many PUTs race to REACHED_OUT', async () => {
    const { body: lead } = await t.http().post('/leads').send(validLead());
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        t
          .http()
          .put(`/leads/${lead.id}`)
          .auth(admin, { type: 'bearer' })
          .send({ state: 'REACHED_OUT' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((a) => a.body.reached_out_at)).size).toBe(1);
    const detail = await t.http().get(`/leads/${lead.id}`).auth(admin, { type: 'bearer' });
    expect(detail.body.history).toHaveLength(1);
  });

  it('creates one user when many requests race with the same email', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t
          .http()
          .post('/users')
          .auth(admin, { type: 'bearer' })
          .send({
            email: 'Racer@Firm.test',
            name: `Racer ${i}`,
            password: 'a-long-enough-password',
            role: 'attorney',
          }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const users = await t.http().get('/users').auth(admin, { type: 'bearer' });
    expect(users.body.filter((u: { email: string }) => u.email === 'racer@firm.test')).toHaveLength(
      1,
    );
  });

  it('keeps every committed write when racing transactions roll back', async () => {
    const tx = t.app.get(TransactionRunner);
    const ids = Array.from({ length: 40 }, () => uuidv7());
    const results = await Promise.allSettled(
      ids.map((id, i) =>
        tx.run(async (em) => {
          const now = new Date();
          await em.insert(Lead, {
            id,
            firstName: 'Race',
            lastName: String(i),
            email: `race${i}@example.com`,
            resumeUrl: 'https://example.com/cv.pdf',
            state: 'PENDING',
            createdAt: now,
            updatedAt: now,
          });
          // Yield so that, without serialisation, other transactions' statements interleave here.
          await new Promise((r) => setImmediate(r));
          if (i % 3 === 0) throw new Error('simulated failure');
        }),
      ),
    );
    const committed = ids.filter((_, i) => results[i].status === 'fulfilled');
    const rolledBack = ids.filter((_, i) => results[i].status === 'rejected');
    expect(rolledBack).toHaveLength(14);
    const stored = await t.app
      .get(DataSource)
      .getRepository(Lead)
      .findBy(ids.map((id) => ({ id })));
    expect(stored.map((l) => l.id).sort()).toEqual([...committed].sort());
  });

  it('answers every racing submit and stores every lead that got a 201', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) =>
        t
          .http()
          .post('/leads')
          .send(validLead({ last_name: `Burst${i}` })),
      ),
      // Failing transactions in the same burst: duplicate users roll back.
      ...Array.from({ length: 6 }, () =>
        t.http().post('/users').auth(admin, { type: 'bearer' }).send({
          email: 'dupe@firm.test',
          name: 'Dupe',
          password: 'a-long-enough-password',
          role: 'attorney',
        }),
      ),
    ]);
    const created = answers.slice(0, 30);
    expect(created.map((a) => a.status)).toEqual(Array(30).fill(200 + 1));
    for (const a of created) {
      const stored = await t.http().get(`/leads/${a.body.id}`).auth(admin, { type: 'bearer' });
      expect(stored.status).toBe(200);
    }
  });
});
