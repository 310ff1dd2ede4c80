import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, type QueryRunner } from 'typeorm';
import { dialectOf } from './dialect';

const patched = new WeakSet<DataSource>();

/**
 * Makes SQLite transactions take the write lock at BEGIN (BEGIN IMMEDIATE). TypeORM always sends
 * a deferred BEGIN, which takes a read snapshot at the first SELECT and upgrades it at the first
 * write; when another process (the users CLI, a second service on the same file) has committed
 * in between, that upgrade fails at once with SQLITE_BUSY, and the busy timeout cannot help. An
 * immediate BEGIN instead waits (busy_timeout) for the other writer and then reads fresh rows.
 * The driver shares one query runner, so rewriting its BEGIN covers every transaction.
 */
export function beginImmediately(dataSource: DataSource): void {
  if (patched.has(dataSource)) return;
  patched.add(dataSource);
  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((sql: string, ...rest: unknown[]) =>
    query(
      sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql,
      ...rest,
    )) as QueryRunner['query'];
}

type Work<T> = (manager: EntityManager) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The most transactions that share one SQLite COMMIT. */
const MAX_GROUP = 64;

/**
 * Runs write transactions. TypeORM's SQLite driver shares ONE connection between all callers, so
 * two concurrent transactions would interleave their statements and one's ROLLBACK would undo the
 * other's rows. On SQLite every write therefore waits for the previous one; PostgreSQL gets a
 * pooled connection per transaction and needs no queue.
 *
 * Group commit: the transactions that queue up while one runs then run together, one after the
 * other, each inside its own SAVEPOINT, and share one BEGIN and one COMMIT, the costly part of a
 * durable SQLite write (the WAL is synced at every COMMIT). A transaction that fails rolls back
 * to its savepoint only, and ends the group early (after some errors SQLite aborts the whole
 * transaction, and what follows must not run outside one); the rest wait for the next group.
 * Nobody hears of success before the shared COMMIT has succeeded.
 */
@Injectable()
export class TransactionRunner {
  private readonly serialize: boolean;
  private readonly queue: Job[] = [];
  private busy = false;

  constructor(private readonly dataSource: DataSource) {
    this.serialize = dialectOf(dataSource).writesOnOneConnection;
    if (this.serialize) beginImmediately(dataSource);
  }

  run<T>(work: Work<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    const group = this.queue.splice(0, MAX_GROUP);
    void this.runGroup(group).finally(() => {
      this.busy = false;
      this.next();
    });
  }

  private async runGroup(group: Job[]): Promise<void> {
    if (group.length === 1) {
      const [job] = group;
      await this.dataSource.transaction(job.work).then(job.resolve, job.reject);
      return;
    }
    const done: Array<{ job: Job; value: unknown }> = [];
    // The jobs this group answers: all of them, unless one fails and the rest go back in line.
    let answers = group;
    try {
      await this.dataSource.transaction(async (em) => {
        for (let i = 0; i < group.length; i += 1) {
          const job = group[i];
          try {
            // A nested transaction on the same manager is a SAVEPOINT.
            done.push({ job, value: await em.transaction(job.work) });
          } catch (error) {
            job.reject(error);
            answers = group.slice(0, i);
            this.queue.unshift(...group.slice(i + 1));
            return;
          }
        }
      });
    } catch (error) {
      // The shared BEGIN (another process holds the write lock: SQLITE_BUSY) or COMMIT failed:
      // every job of the group that has no answer yet gets this error, including those that
      // never ran. Left unanswered, their callers (requests, the outbox relay) would wait forever.
      for (const job of answers) job.reject(error);
      return;
    }
    for (const { job, value } of done) job.resolve(value);
  }
}
