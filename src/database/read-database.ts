import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import * as sqlite3 from 'sqlite3';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Where plain reads go (lists, a lead's page, the mail dispatcher's leads). On a SQLite file that
 * is a second, read-only connection: in WAL mode it reads the last committed state while the
 * writer connection is inside a transaction, so a read neither waits behind the queue of writes
 * (TransactionRunner) nor sees rows a transaction has not committed yet. PostgreSQL (a pool) and
 * an in-memory SQLite database (one database per connection) read through the main connection.
 * Reads that must see their own transaction's writes use that transaction's manager instead.
 */
@Injectable()
export class ReadDatabase implements OnApplicationShutdown {
  private constructor(
    readonly manager: EntityManager,
    private readonly own?: DataSource,
  ) {}

  static async open(main: DataSource): Promise<ReadDatabase> {
    const options = main.options;
    if (options.type !== 'sqlite' || options.database === ':memory:') {
      return new ReadDatabase(main.manager);
    }
    const reader = new DataSource({
      ...options,
      name: 'reader',
      flags: sqlite3.OPEN_READONLY,
      enableWAL: false, // the writer set WAL on the file; a read-only connection cannot
      migrations: [],
      migrationsRun: false,
      synchronize: false,
    });
    await reader.initialize();
    return new ReadDatabase(reader.manager, reader);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.own?.isInitialized) await this.own.destroy();
  }
}
