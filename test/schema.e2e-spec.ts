import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions, type Table } from 'typeorm';
import { ENTITIES } from '../src/database/entities';
import { migrations } from '../src/database/migrations';
import { describePostgres } from './support/describe-db';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './support/postgres';

/** PostgreSQL-only search indexes (trigram GIN), deliberately absent on SQLite. */
const DRIVER_SPECIFIC_INDEX = /^pg_/;

const IGNORED_TABLES = ['migrations', 'typeorm_metadata', 'sqlite_sequence'];
/**
 * SQLite-only FTS5 search index and its shadow tables (PostgreSQL has trigram indexes instead),
 * and the PostgreSQL-only rate-limit counters (SQLite counts in memory).
 */
const DRIVER_SPECIFIC_TABLE = /^(leads_search(_\w+)?|rate_limits)$/;

const TYPE_ALIASES: Record<string, string> = {
  'character varying': 'varchar',
  varchar: 'varchar',
  datetime: 'timestamp',
  'timestamp with time zone': 'timestamp',
  int: 'integer',
  integer: 'integer',
  boolean: 'boolean',
  blob: 'binary',
  bytea: 'binary',
  text: 'text',
};

function describeSchema(tables: Table[]) {
  return tables
    .map((t) => ({
      table: t.name,
      columns: t.columns
        .map((c) => ({
          name: c.name,
          type: TYPE_ALIASES[c.type] ?? c.type,
          length: c.length ? String(c.length) : '',
          nullable: c.isNullable,
          primary: c.isPrimary,
          unique:
            c.isUnique ||
            t.uniques.some((u) => u.columnNames.join() === c.name) ||
            t.indices.some((i) => i.isUnique && i.columnNames.join() === c.name),
          hasDefault: c.default !== undefined && c.default !== null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      indices: t.indices
        .filter((i) => !DRIVER_SPECIFIC_INDEX.test(i.name ?? ''))
        // Single-column uniques show up as the column's `unique` flag (names differ per driver).
        .filter((i) => !(i.isUnique && i.columnNames.length === 1))
        .map(
          (i) => `${i.isUnique ? 'unique ' : ''}${i.name}(${[...i.columnNames].sort().join(',')})`,
        ) // TypeORM reports PG index columns in table order
        .sort(),
      foreignKeys: t.foreignKeys
        .map(
          (f) =>
            `${f.columnNames.join(',')}->${f.referencedTableName}(${f.referencedColumnNames.join(',')}) ${f.onDelete}`,
        )
        .sort(),
    }))
    .sort((a, b) => a.table.localeCompare(b.table));
}

async function migratedSchema(options: DataSourceOptions) {
  const ds = await new DataSource({ ...options, migrations, logging: false }).initialize();
  try {
    await ds.runMigrations();
    const runner = ds.createQueryRunner();
    try {
      const listSql =
        options.type === 'postgres'
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
          : "SELECT name FROM sqlite_master WHERE type = 'table'";
      const names = ((await runner.query(listSql)) as { name: string }[])
        .map((r) => r.name)
        .filter((n) => !IGNORED_TABLES.includes(n) && !DRIVER_SPECIFIC_TABLE.test(n));
      const tables = await runner.getTables(names);
      return describeSchema(tables);
    } finally {
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}

describePostgres('Migrations on SQLite and PostgreSQL', () => {
  it('give the same tables, columns, indexes and foreign keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lead-intake-schema-'));
    const pg = await createTestDatabase('lead_schema');
    try {
      const sqlite = await migratedSchema({ type: 'sqlite', database: join(dir, 'schema.sqlite') });
      const postgres = await migratedSchema({ type: 'postgres', url: pg.url });
      expect(sqlite.map((t) => t.table)).toEqual([
        'api_keys',
        'audit_events',
        'auth_sessions',
        'conflict_parties',
        'conflict_party_keys',
        'idempotency_keys',
        'lead_assignments',
        'lead_name_keys',
        'lead_resumes',
        'lead_state_changes',
        'leads',
        'notifications',
        'outbox_events',
        'scheduled_jobs',
        'users',
        'webhook_attempts',
        'webhook_deliveries',
        'webhook_endpoints',
      ]);
      expect(JSON.stringify(sqlite)).toContain(
        'unique uq_notifications_message(kind,lead_id,recipient)',
      );
      expect(postgres).toEqual(sqlite);
    } finally {
      await dropTestDatabase(pg.name);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates the newest-first list indexes with their columns in query order', async () => {
    const pg = await createTestDatabase('lead_schema');
    try {
      const ds = await new DataSource({ type: 'postgres', url: pg.url, migrations }).initialize();
      await ds.runMigrations();
      const rows = await ds.query<{ indexname: string; indexdef: string }[]>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'leads' ORDER BY indexname",
      );
      await ds.destroy();
      const def = (name: string) => rows.find((r) => r.indexname === name)?.indexdef ?? '';
      expect(def('idx_leads_created')).toContain('(created_at, id)');
      expect(def('idx_leads_state_created')).toContain('(state, created_at, id)');
      // The one deliberate difference from SQLite: a trigram index for `q` search, on the folded
      // names and email (migration 1732350000008 replaced the three per-column ones).
      expect(def('pg_trgm_leads_search_text')).toContain('gin (search_text gin_trgm_ops)');
      expect(def('pg_trgm_leads_first_name')).toBe('');
    } finally {
      await dropTestDatabase(pg.name);
    }
  });
});

describe('Entities and migrations', () => {
  // Entity column types follow DB_TYPE, so each suite checks its own driver: SQLite in `npm test`,
  // PostgreSQL in `npm run test:pg`.
  it('agree, so `npm run migration:generate` starts from a clean slate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lead-intake-drift-'));
    const pg = usingPostgres() ? await createTestDatabase('lead_drift') : undefined;
    try {
      const ds = await new DataSource({
        ...(pg
          ? { type: 'postgres', url: pg.url }
          : { type: 'sqlite', database: join(dir, 'd.sqlite') }),
        entities: ENTITIES,
        migrations,
      }).initialize();
      try {
        await ds.runMigrations();
        const pending = await ds.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      } finally {
        await ds.destroy();
      }
    } finally {
      if (pg) await dropTestDatabase(pg.name);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
