import * as sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/configuration';
import { migrations } from './migrations';

/**
 * TypeORM calls the driver's `verbose()`, which wraps every query call of sqlite3 to capture a
 * stack trace and `util.inspect` its arguments: ~7 % of the CPU time of a submit under load. The
 * driver handed over here answers `verbose()` with the plain module.
 */
const plainSqlite3: unknown = Object.create(sqlite3, { verbose: { value: () => sqlite3 } });

/** One definition of the connection, shared by the Nest app and the TypeORM CLI. */
export function buildDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  // Migrations run at start-up through runMigrations() (see database.module.ts), never synchronize.
  const common = { migrations, migrationsRun: false, synchronize: false, logging: false } as const;
  if (db.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      ...(db.url
        ? { url: db.url }
        : {
            host: db.host,
            port: db.port,
            username: db.username,
            password: db.password,
            database: db.database,
          }),
      poolSize: db.poolSize,
      extra: { statement_timeout: db.statementTimeoutMs, max: db.poolSize },
    };
  }
  return {
    ...common,
    type: 'sqlite',
    driver: plainSqlite3,
    database: db.path,
    // WAL lets readers proceed while a write commits; busy_timeout waits for a lock instead of
    // failing when a second process (the users CLI) touches the same file.
    enableWAL: db.path !== ':memory:',
    busyTimeout: db.busyTimeoutMs,
  };
}
