import { LeadTriage } from '../src/leads/triage/lead-triage.service';
import { Dialect } from '../src/database/dialect';
import { ReadDatabase } from '../src/database/read-database';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../src/common/decorators/current-user.decorator';
import { TransactionRunner } from '../src/database/transaction-runner';
import { IdempotencyService } from '../src/leads/idempotency/idempotency.service';
import type { LeadState } from '../src/leads/lead-state';
import { Lead } from '../src/leads/lead.entity';
import { LeadsService } from '../src/leads/leads.service';
import { OutboxService } from '../src/outbox/outbox.service';
import { Barrier } from './support/barrier';
import { usingPostgres } from './support/postgres';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { LeadAssigner } from '../src/leads/assignment/lead-assigner.service';
import { FollowUpClock } from '../src/follow-up/follow-up-clock';

type Work<T> = (em: EntityManager) => Promise<T>;

/**
 * An EntityManager whose reads of a Lead wait at `barrier` after they have their answer, so the
 * caller cannot write before every party has read. Records each state read.
 */
function pausingAfterLeadReads(
  em: EntityManager,
  barrier: Barrier,
  statesRead: LeadState[],
): EntityManager {
  const findOneBy = async (...args: Parameters<EntityManager['findOneBy']>) => {
    const found: unknown = await em.findOneBy(...args);
    if (args[0] === Lead) {
      statesRead.push((found as Lead | null)?.state ?? ('none' as LeadState));
      await barrier.arrive();
    }
    return found;
  };
  return new Proxy(em, {
    get(target, property) {
      if (property === 'findOneBy') return findOneBy;
      if (property === 'findOne') throw new Error('findOne is not paused: extend this test');
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

/**
 * Stands in for TransactionRunner so that two state changes both read the lead before either
 * updates it. On PostgreSQL each gets a real transaction of its own (what TransactionRunner does
 * there): the second UPDATE blocks on the row lock, then re-checks its WHERE against the row the
 * first committed. On SQLite the service has one connection and TransactionRunner never lets two
 * transactions overlap on it, so the stand-in waits for both changes and runs them side by side
 * in one transaction of the real runner: the second UPDATE sees the first one's row. Either way
 * only the `state = :from` condition can stop the second write.
 */
class ReadBothThenWriteRunner {
  readonly statesRead: LeadState[] = [];
  private readonly barrier = new Barrier(2);
  private readonly waiting: Array<{
    work: Work<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }> = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly real: TransactionRunner,
  ) {}

  get arrivals(): number {
    return this.barrier.count;
  }

  run<T>(work: Work<T>): Promise<T> {
    if (usingPostgres()) return this.dataSource.transaction((em) => work(this.paused(em)));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.waiting.length === 2) void this.runSideBySide();
    });
  }

  private paused(em: EntityManager): EntityManager {
    return pausingAfterLeadReads(em, this.barrier, this.statesRead);
  }

  private async runSideBySide(): Promise<void> {
    const jobs = this.waiting.splice(0);
    try {
      const outcomes = await this.real.run((em) =>
        Promise.allSettled(jobs.map((job) => job.work(this.paused(em)))),
      );
      outcomes.forEach((outcome, i) =>
        outcome.status === 'fulfilled'
          ? jobs[i].resolve(outcome.value)
          : jobs[i].reject(outcome.reason),
      );
    } catch (error) {
      for (const job of jobs) job.reject(error);
    }
  }
}

describe('Lead state change race (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: AuthUser[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const attorney = await t.http().post('/users').auth(admin, { type: 'bearer' }).send({
      email: 'racer@firm.test',
      name: 'Racing Attorney',
      password: 'a-long-enough-password',
      role: 'attorney',
    });
    const me = await t.http().get('/users/me').auth(admin, { type: 'bearer' });
    staff = [me.body, attorney.body].map((u: AuthUser) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
    }));
  });
  afterAll(() => t.close());

  /** A LeadsService like the app's, with `runner` for its transactions. */
  const serviceWith = (runner: ReadBothThenWriteRunner): LeadsService =>
    new LeadsService(
      t.app.get(ReadDatabase),
      runner as unknown as TransactionRunner,
      t.app.get(OutboxService),
      t.app.get(IdempotencyService),
      t.app.get(Dialect),
      t.app.get(LeadTriage),
      t.app.get(LeadAssigner),
      t.app.get(FollowUpClock),
    );

  it('applies PENDING → REACHED_OUT once when two transactions both read PENDING before either writes', async () => {
    const { body: lead } = await t.http().post('/leads').send(validLead());
    const runner = new ReadBothThenWriteRunner(t.app.get(DataSource), t.app.get(TransactionRunner));
    const leads = serviceWith(runner);

    const [first, second] = await Promise.all(
      staff.map((actor) => leads.changeState(lead.id, 'REACHED_OUT', actor)),
    );

    // The interleaving really happened: both read PENDING, neither had written yet.
    expect(runner.arrivals).toBe(2);
    expect(runner.statesRead).toEqual(['PENDING', 'PENDING']);
    // One of them applied the change; the other found it done and changed nothing.
    const history = await leads.historyOf(lead.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fromState: 'PENDING', toState: 'REACHED_OUT' });
    for (const seen of [first, second]) {
      expect(seen.state).toBe('REACHED_OUT');
      expect(seen.reachedOutById).toBe(history[0].changedById);
      expect(seen.reachedOutAt?.getTime()).toBe(history[0].changedAt.getTime());
    }
    // And the app agrees.
    const detail = await t.http().get(`/leads/${lead.id}`).auth(admin, { type: 'bearer' });
    expect(detail.body.history).toHaveLength(1);
    expect(detail.body.reached_out_by.id).toBe(history[0].changedById);
  });
});
