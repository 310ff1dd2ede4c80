import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs write transactions. TypeORM's SQLite driver shares ONE connection between all callers, so
 * two concurrent transactions would interleave their statements and one's ROLLBACK would undo the
 * other's rows. On SQLite every write therefore queues behind the previous one; PostgreSQL gets a
 * pooled connection per transaction and needs no queue.
 */
@Injectable()
export class TransactionRunner {
  private readonly serialize: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'sqlite';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
