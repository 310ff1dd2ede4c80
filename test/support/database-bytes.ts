import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { usingPostgres } from './postgres';

/**
 * Where `needles` still occur in the service's database: on SQLite in the bytes of every file
 * of the database (main file, -wal, -shm), on PostgreSQL in every row of every table read back
 * as text (bytea as hex). Returns "<file or table>: <needle>" for each hit; [] means gone.
 */
export async function findInDatabase(t: TestApp, needles: (string | Buffer)[]): Promise<string[]> {
  const wanted = needles.map((n) => (typeof n === 'string' ? Buffer.from(n, 'utf8') : n));
  const hits: string[] = [];
  if (!usingPostgres()) {
    for (const file of readdirSync(t.dir).filter((f) => f.startsWith('leads.sqlite'))) {
      const bytes = readFileSync(join(t.dir, file));
      for (const n of wanted) if (bytes.includes(n)) hits.push(`${file}: ${describe(n)}`);
    }
    return hits;
  }
  const db = t.app.get(DataSource);
  const tables = await db.query<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  for (const { table_name: table } of tables) {
    const rows = await db.query<{ row: string }[]>(`SELECT t::text AS row FROM "${table}" t`);
    const text = rows.map((r) => r.row).join('\n');
    for (const n of wanted) {
      if (text.includes(n.toString('utf8')) || text.includes(n.toString('hex'))) {
        hits.push(`${table}: ${describe(n)}`);
      }
    }
  }
  return hits;
}

const describe = (n: Buffer) => JSON.stringify(n.toString('utf8').slice(0, 40));
