import { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

/** Arbitrary constant naming "this service's migrations" among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 0x1ead_0001;

/**
 * Runs pending migrations. On PostgreSQL several instances may start at once against one database;
 * a session advisory lock makes them take turns, so the second finds nothing left to do instead
 * of failing on "relation already exists". SQLite is single-instance by design.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (!dialectOf(dataSource).isPostgres) {
    return names(await dataSource.runMigrations({ transaction: 'each' }));
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return names(await dataSource.runMigrations({ transaction: 'each' }));
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

const names = (applied: Array<{ name: string }>): string[] => applied.map((m) => m.name);
