import { copyFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import sqlite3 from 'sqlite3';
import { leadSearchText } from '../../src/common/search-text';
import type { SeedLeads } from './seed-data';

/** One database the service (or the baseline) can be pointed at. */
export interface BenchDb {
  label: string;
  /** Environment for dist/main.js and bench/baseline/server.ts. */
  env: Record<string, string>;
}

/**
 * Fresh databases, copies of a migrated template, and the bulk seeding of leads, for SQLite files
 * in a temp directory or PostgreSQL databases named bench_<random>_<label> (dropped in `cleanup`).
 */
export interface BenchStore {
  readonly type: 'sqlite' | 'postgres';
  fresh(label: string): Promise<BenchDb>;
  /** A copy of `template`, which no process may have open. */
  copy(template: BenchDb, label: string): Promise<BenchDb>;
  /** Inserts leads [from, to) in one transaction, while no service has the database open. */
  seed(db: BenchDb, leads: SeedLeads, from: number, to: number): Promise<void>;
  cleanup(): Promise<void>;
}

const LEAD_COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'resume_url',
  'state',
  'created_at',
  'updated_at',
  'search_text',
];

export function createStore(type: 'sqlite' | 'postgres', tempDir: string): BenchStore {
  return type === 'postgres' ? new PostgresStore() : new SqliteStore(tempDir);
}

class SqliteStore implements BenchStore {
  readonly type = 'sqlite';
  constructor(private readonly dir: string) {}

  fresh(label: string): Promise<BenchDb> {
    const path = join(this.dir, `${label}.sqlite`);
    return Promise.resolve({ label, env: { DB_TYPE: 'sqlite', DB_PATH: path } });
  }

  async copy(template: BenchDb, label: string): Promise<BenchDb> {
    // Fold the WAL into the main file first so that one file is the whole database.
    await withSqlite(template.env.DB_PATH, (db) => exec(db, 'PRAGMA wal_checkpoint(TRUNCATE)'));
    const copy = await this.fresh(label);
    await copyFile(template.env.DB_PATH, copy.env.DB_PATH);
    return copy;
  }

  async seed(target: BenchDb, leads: SeedLeads, from: number, to: number): Promise<void> {
    const ROWS = 100; // 900 parameters per statement, well under SQLite's limit
    const tuple = `(${LEAD_COLUMNS.map(() => '?').join(',')})`;
    const sql = (rows: number) =>
      `INSERT INTO leads (${LEAD_COLUMNS.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`;
    await withSqlite(target.env.DB_PATH, async (db) => {
      // Only this seeding connection skips fsync; the service opens the file with its own settings.
      await exec(db, 'PRAGMA synchronous = OFF; BEGIN');
      const batch = db.prepare(sql(ROWS));
      let i = from;
      for (; i + ROWS <= to; i += ROWS) await run(batch, sqliteValues(leads, i, i + ROWS));
      await finalize(batch);
      if (i < to) {
        const tail = db.prepare(sql(to - i));
        await run(tail, sqliteValues(leads, i, to));
        await finalize(tail);
      }
      await exec(db, 'COMMIT; PRAGMA wal_checkpoint(TRUNCATE)');
    });
  }

  cleanup(): Promise<void> {
    return Promise.resolve(); // the temp directory is removed by the caller
  }
}

function sqliteValues(leads: SeedLeads, from: number, to: number): unknown[] {
  const values: unknown[] = [];
  for (let i = from; i < to; i += 1) {
    const l = leads.lead(i);
    const at = sqliteTimestamp(l.createdAt);
    const search = leadSearchText(l.firstName, l.lastName, l.email);
    values.push(l.id, l.firstName, l.lastName, l.email, l.resumeUrl, 'PENDING', at, at, search);
  }
  return values;
}

/** TypeORM's SQLite `datetime` format: UTC, `YYYY-MM-DD HH:MM:SS.mmm`. */
const sqliteTimestamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);

async function withSqlite<T>(path: string, work: (db: sqlite3.Database) => Promise<T>): Promise<T> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(opened)));
  });
  try {
    await exec(db, 'PRAGMA busy_timeout = 5000');
    return await work(db);
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

const exec = (db: sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));

const run = (stmt: sqlite3.Statement, values: unknown[]) =>
  new Promise<void>((resolve, reject) =>
    stmt.run(values, (err) => (err ? reject(err) : resolve())),
  );

const finalize = (stmt: sqlite3.Statement) =>
  new Promise<void>((resolve) => stmt.finalize(() => resolve()));

/** PostgreSQL on 127.0.0.1:5432 (trust auth): one database per bench database, all dropped. */
class PostgresStore implements BenchStore {
  readonly type = 'postgres';
  private readonly adminUrl =
    process.env.PG_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  private readonly run = randomBytes(4).toString('hex');
  private readonly created: string[] = [];

  async fresh(label: string): Promise<BenchDb> {
    return this.create(label, '');
  }

  async copy(template: BenchDb, label: string): Promise<BenchDb> {
    return this.create(label, ` TEMPLATE "${template.env.DB_NAME}"`);
  }

  async seed(target: BenchDb, leads: SeedLeads, from: number, to: number): Promise<void> {
    const ROWS = 5_000;
    // One statement per batch: one array parameter per column, unnested into rows.
    const types = LEAD_COLUMNS.map((c) => (c.endsWith('_at') ? 'timestamptz' : 'text'));
    const sql =
      `INSERT INTO leads (${LEAD_COLUMNS.join(',')}) SELECT * FROM unnest(` +
      types.map((t, i) => `$${i + 1}::${t}[]`).join(', ') +
      ')';
    await this.withClient(target.env.DATABASE_URL, async (client) => {
      await client.query('BEGIN');
      for (let start = from; start < to; start += ROWS) {
        const columns: unknown[][] = LEAD_COLUMNS.map(() => []);
        for (let i = start; i < Math.min(to, start + ROWS); i += 1) {
          const l = leads.lead(i);
          const row = [
            l.id,
            l.firstName,
            l.lastName,
            l.email,
            l.resumeUrl,
            'PENDING',
            l.createdAt,
            l.createdAt,
            leadSearchText(l.firstName, l.lastName, l.email),
          ];
          row.forEach((v, c) => columns[c].push(v));
        }
        await client.query(sql, columns);
      }
      await client.query('COMMIT');
      // What autovacuum would have done by the time a real table holds this many rows.
      await client.query('ANALYZE leads');
    });
  }

  async cleanup(): Promise<void> {
    const names = this.created.splice(0);
    if (names.length === 0) return;
    await this.withClient(this.adminUrl, async (client) => {
      for (const name of names)
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }

  private async create(label: string, suffix: string): Promise<BenchDb> {
    const name = `bench_${this.run}_${label.replace(/\W/g, '_')}`;
    await this.withClient(this.adminUrl, (c) => c.query(`CREATE DATABASE "${name}"${suffix}`));
    this.created.push(name);
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return { label, env: { DB_TYPE: 'postgres', DATABASE_URL: url.toString(), DB_NAME: name } };
  }

  private async withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}
