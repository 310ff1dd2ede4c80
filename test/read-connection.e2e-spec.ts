import { TransactionRunner } from '../src/database/transaction-runner';
import { Lead } from '../src/leads/lead.entity';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * Reads go through their own connection (ReadDatabase): a list answered while a write
 * transaction is open neither waits for it nor shows what it has not committed (on SQLite the
 * writer's one connection would otherwise run the read inside that transaction).
 */
describe('Reads beside an open write transaction (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const firstNames = async (lastName: string): Promise<string[]> => {
    const res = await t
      .http()
      .get(`/leads?q=${lastName}`)
      .auth(admin, { type: 'bearer' })
      .timeout(5000)
      .expect(200);
    return (res.body as { first_name: string }[]).map((lead) => lead.first_name);
  };

  it('lists committed rows only while a transaction holds uncommitted changes', async () => {
    const { body: lead } = await t
      .http()
      .post('/leads')
      .send(validLead({ first_name: 'Committed', last_name: 'Readerton' }))
      .expect(201);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let changed = false;
    const writing = t.app
      .get(TransactionRunner)
      .run(async (em) => {
        await em.update(Lead, { id: (lead as { id: string }).id }, { firstName: 'Uncommitted' });
        changed = true;
        await held;
        throw new Error('rolled back on purpose');
      })
      .catch((error: Error) => error.message);
    try {
      await waitFor(() => changed, { what: 'the uncommitted change' });
      expect(await firstNames('Readerton')).toEqual(['Committed']);
    } finally {
      release();
    }
    expect(await writing).toBe('rolled back on purpose');
    expect(await firstNames('Readerton')).toEqual(['Committed']);
  });
});
