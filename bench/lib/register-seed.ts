import { Client } from 'pg';
import sqlite3 from 'sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { nameKeys } from '../../src/conflicts/name-keys';
import type { BenchDb, BenchStore } from './databases';
import { FIRST_NAMES as FIRST, LAST_NAMES as LAST } from './seed-data';

const SUFFIXES = ['', 'son', 'berg', 'ley', 'man', 'ford', 'ton', 'wood', 'er', 'ski'];

/** The other party every scenario-10 lead names: in the seeded register, so each submit has a hit. */
export const REGISTER_OPPOSING_PARTY = 'Ada Lovelace';

/** The i-th register entry's name: 20 given names × 500 surnames, "Ada Lovelace" first. */
export function registerName(i: number): string {
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
  const suffix = SUFFIXES[Math.floor(i / (FIRST.length * LAST.length)) % SUFFIXES.length];
  return `${FIRST[i % FIRST.length]} ${last}${suffix}`;
}

/**
 * Seeds `count` conflict-register entries with their name keys, as the service stores them, in
 * one transaction with multi-row INSERTs (the service is stopped). Returns the number of keys.
 */
export async function seedRegister(store: BenchStore, db: BenchDb, count: number): Promise<number> {
  const parties: unknown[][] = [];
  const keys: unknown[][] = [];
  const now = new Date();
  for (let i = 0; i < count; i += 1) {
    const id = uuidv7();
    const name = registerName(i);
    parties.push([id, name, 'adverse', null, now]);
    for (const key of nameKeys(name)) keys.push([key, id]);
  }
  if (store.type === 'postgres') {
    await seedPostgres(db.env.DATABASE_URL, parties, keys);
  } else {
    await seedSqlite(db.env.DB_PATH, parties, keys);
  }
  return keys.length;
}

async function seedSqlite(path: string, parties: unknown[][], keys: unknown[][]): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(opened)));
  });
  const exec = (sql: string) =>
    new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    const ROWS = 100;
    for (let i = 0; i < rows.length; i += ROWS) {
      const chunk = rows.slice(i, i + ROWS);
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`;
      const values = chunk.flat().map((v) => (v instanceof Date ? sqliteTimestamp(v) : v));
      await new Promise<void>((resolve, reject) =>
        db.run(sql, values, (e) => (e ? reject(e) : resolve())),
      );
    }
  };
  try {
    await exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = OFF; BEGIN');
    await insert('conflict_parties', ['id', 'name', 'kind', 'note', 'created_at'], parties);
    await insert('conflict_party_keys', ['key', 'party_id'], keys);
    await exec('COMMIT; PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

async function seedPostgres(url: string, parties: unknown[][], keys: unknown[][]): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  const column = (rows: unknown[][], i: number) => rows.map((r) => r[i]);
  try {
    await client.query('BEGIN');
    for (let i = 0; i < parties.length; i += 5000) {
      const chunk = parties.slice(i, i + 5000);
      await client.query(
        'INSERT INTO conflict_parties (id, name, kind, note, created_at) SELECT * FROM ' +
          'unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::timestamptz[])',
        [0, 1, 2, 3, 4].map((c) => column(chunk, c)),
      );
    }
    for (let i = 0; i < keys.length; i += 5000) {
      const chunk = keys.slice(i, i + 5000);
      await client.query(
        'INSERT INTO conflict_party_keys (key, party_id) SELECT * FROM unnest($1::varchar[], $2::varchar[])',
        [column(chunk, 0), column(chunk, 1)],
      );
    }
    await client.query('COMMIT');
    await client.query('ANALYZE conflict_parties; ANALYZE conflict_party_keys');
  } finally {
    await client.end();
  }
}

/** TypeORM's SQLite `datetime` format: UTC, `YYYY-MM-DD HH:MM:SS.mmm`. */
const sqliteTimestamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);
