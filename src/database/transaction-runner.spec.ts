import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type Logger } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

/** Counts the statements that reach SQLite. */
class StatementCounter implements Logger {
  readonly seen: string[] = [];
  logQuery(query: string): void {
    this.seen.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  count(statement: string): number {
    return this.seen.filter((q) => q === statement).length;
  }
}

describe('TransactionRunner on SQLite', () => {
  let ds: DataSource;
  let runner: TransactionRunner;
  let statements: StatementCounter;

  beforeEach(async () => {
    statements = new StatementCounter();
    ds = new DataSource({
      type: 'sqlite',
      database: ':memory:',
      logger: statements,
      logging: true,
    });
    await ds.initialize();
    await ds.query('PRAGMA foreign_keys = ON');
    await ds.query('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    await ds.query(
      'CREATE TABLE child (id INTEGER PRIMARY KEY, ' +
        'parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    runner = new TransactionRunner(ds);
  });
  afterEach(() => ds.destroy());

  const storedIds = async (table: string): Promise<number[]> =>
    (await ds.query<Array<{ id: number }>>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);

  it('keeps exactly the racing transactions that succeeded when some of them fail', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => i + 1);
    const results = await Promise.allSettled(
      ids.map((id) =>
        runner.run(async (em) => {
          await em.query('INSERT INTO parent (id) VALUES (?)', [id]);
          // Yield: without the queue, other transactions' statements would interleave here.
          await new Promise((resolve) => setImmediate(resolve));
          await em.query('INSERT INTO child (id, parent_id) VALUES (?, ?)', [id, id]);
          if (id % 5 === 0) throw new Error(`transaction ${id} fails`);
          return id;
        }),
      ),
    );
    const succeeded = ids.filter((_, i) => results[i].status === 'fulfilled');
    expect(succeeded).toHaveLength(96);
    expect(await storedIds('parent')).toEqual(succeeded);
    expect(await storedIds('child')).toEqual(succeeded);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(results[4]).toEqual({
      status: 'rejected',
      reason: new Error('transaction 5 fails'),
    });
  });

  it('shares one COMMIT among the transactions that queued up meanwhile', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runner.run((em) => em.query('INSERT INTO parent (id) VALUES (?)', [i + 1])),
      ),
    );
    expect(await storedIds('parent')).toHaveLength(20);
    // The first runs alone; the 19 that queued behind it share the next COMMIT.
    expect(statements.count('COMMIT')).toBe(2);
  });

  /** Holds the queue until the returned release() is called, so the next runs form one group. */
  const holdQueue = (): { release: () => Promise<void> } => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = runner.run(() => gate);
    return { release: () => (open(), first) };
  };

  it('reports no success to anyone in a group whose shared COMMIT fails', async () => {
    const hold = holdQueue();
    const group = [
      runner.run((em) => em.query('INSERT INTO parent (id) VALUES (1)')),
      // Deferred: the missing parent is only noticed by the COMMIT.
      runner.run((em) => em.query('INSERT INTO child (id, parent_id) VALUES (1, 999)')),
      runner.run((em) => em.query('INSERT INTO parent (id) VALUES (2)')),
    ];
    await hold.release();
    const outcomes = await Promise.allSettled(group);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await storedIds('parent')).toEqual([]);
    expect(await storedIds('child')).toEqual([]);
    // And the queue goes on.
    await runner.run((em) => em.query('INSERT INTO parent (id) VALUES (3)'));
    expect(await storedIds('parent')).toEqual([3]);
  });

  it('fails a transaction that conflicts with an earlier one of its own group', async () => {
    const hold = holdQueue();
    const group = [1, 1, 2].map((id) =>
      runner.run((em) => em.query('INSERT INTO parent (id) VALUES (?)', [id])),
    );
    await hold.release();
    const outcomes = await Promise.allSettled(group);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await storedIds('parent')).toEqual([1, 2]);
  });
});

describe('TransactionRunner with a second process on the same SQLite file', () => {
  let dir: string;
  let mine: DataSource;
  let theirs: DataSource;

  const open = async (): Promise<DataSource> =>
    new DataSource({
      type: 'sqlite',
      database: join(dir, 'shared.sqlite'),
      enableWAL: true,
      busyTimeout: 5000,
    }).initialize();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tx-runner-'));
    mine = await open();
    theirs = await open();
    await mine.query('CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
    await mine.query('INSERT INTO counter (id, value) VALUES (1, 0), (2, 0)');
  });
  afterEach(async () => {
    await mine.destroy();
    await theirs.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  // The users CLI deactivating a user (read the row, then write it) while the service commits
  // other writes failed with SQLITE_BUSY: a deferred BEGIN upgrades a stale read snapshot.
  it('reads then writes while the other process commits, and neither fails', async () => {
    let theirCommit: Promise<unknown> | undefined;
    let theyCommitted = false;
    const ours = new TransactionRunner(mine).run(async (em) => {
      const [row] = await em.query<Array<{ value: number }>>(
        'SELECT value FROM counter WHERE id = 1',
      );
      theirCommit = new TransactionRunner(theirs)
        .run((other) => other.query('UPDATE counter SET value = value + 1 WHERE id = 2'))
        .then(() => (theyCommitted = true));
      // With the write lock held since BEGIN their commit must wait for ours; without it, theirs
      // lands between our read and our write. Either way, give it a moment to happen.
      await waitForOrGiveUp(() => theyCommitted, 300);
      await em.query('UPDATE counter SET value = ? WHERE id = 1', [row.value + 1]);
    });
    await expect(ours).resolves.toBeUndefined();
    await expect(theirCommit).resolves.toBe(true);
    expect(await mine.query('SELECT id, value FROM counter ORDER BY id')).toEqual([
      { id: 1, value: 1 },
      { id: 2, value: 1 },
    ]);
  });
});

/** Polls until `done()` or `ms` pass; resolves either way (the caller checks what happened). */
async function waitForOrGiveUp(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe('TransactionRunner while another process holds the write lock', () => {
  let dir: string;
  let mine: DataSource;
  let theirs: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tx-runner-busy-'));
    const open = () =>
      new DataSource({
        type: 'sqlite',
        database: join(dir, 'busy.sqlite'),
        enableWAL: true,
        busyTimeout: 50,
      }).initialize();
    mine = await open();
    theirs = await open();
    await mine.query('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
  });
  afterEach(async () => {
    await mine.destroy();
    await theirs.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  // A group's shared BEGIN IMMEDIATE failed with SQLITE_BUSY before any job ran, and the jobs
  // were never answered: the requests behind them (and the service's shutdown) hung.
  it('answers every job of a group whose shared BEGIN fails, then works again', async () => {
    const runner = new TransactionRunner(mine);
    await theirs.query('BEGIN IMMEDIATE');
    let outcomes: PromiseSettledResult<unknown>[];
    let deadline: NodeJS.Timeout | undefined;
    try {
      outcomes = await Promise.race([
        Promise.allSettled(
          [1, 2, 3].map((id) =>
            runner.run((em) => em.query('INSERT INTO parent (id) VALUES (?)', [id])),
          ),
        ),
        new Promise<never>((_, reject) => {
          deadline = setTimeout(
            () => reject(new Error('a queued transaction was never answered')),
            5000,
          );
        }),
      ]);
    } finally {
      clearTimeout(deadline);
      await theirs.query('ROLLBACK');
    }
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await runner.run((em) => em.query('INSERT INTO parent (id) VALUES (4)'));
    expect(await mine.query('SELECT id FROM parent')).toEqual([{ id: 4 }]);
  });
});
