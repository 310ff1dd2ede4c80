import { Client } from 'pg';
import * as sqlite3 from 'sqlite3';

/**
 * A second connection to the service's database that gets in the way of its writes: it holds
 * the write lock, or makes inserts into chosen tables fail. Nothing of the service is mocked.
 */
export interface DatabaseIntruder {
  /** Takes the write lock (SQLite) or locks `tables` against writes (PostgreSQL) until release(). */
  lockWrites(tables: string[]): Promise<void>;
  release(): Promise<void>;
  /** A trigger that makes every INSERT into each of `tables` fail with "forced failure". */
  refuseInserts(tables: string[]): Promise<void>;
  allowInserts(tables: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function sqliteIntruder(path: string): Promise<DatabaseIntruder> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)));
  });
  const exec = (sql: string) =>
    new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
  return {
    lockWrites: () => exec('BEGIN EXCLUSIVE'),
    release: () => exec('ROLLBACK'),
    refuseInserts: (tables) =>
      exec(
        tables
          .map(
            (t) =>
              `CREATE TRIGGER intruder_${t} BEFORE INSERT ON ${t} ` +
              `BEGIN SELECT RAISE(ABORT, 'forced failure'); END;`,
          )
          .join('\n'),
      ),
    allowInserts: (tables) => exec(tables.map((t) => `DROP TRIGGER intruder_${t};`).join('\n')),
    close: () => new Promise<void>((resolve) => db.close(() => resolve())),
  };
}

export async function postgresIntruder(url: string): Promise<DatabaseIntruder> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const run = async (sql: string) => {
    await client.query(sql);
  };
  return {
    // SHARE mode still lets the service read (and so check tokens), but no row goes in.
    lockWrites: (tables) => run(`BEGIN; LOCK TABLE ${tables.join(', ')} IN SHARE MODE`),
    release: () => run('ROLLBACK'),
    refuseInserts: (tables) =>
      run(
        `CREATE OR REPLACE FUNCTION intruder_refuse() RETURNS trigger LANGUAGE plpgsql AS ` +
          `$$ BEGIN RAISE EXCEPTION 'forced failure'; END $$;` +
          tables
            .map(
              (t) =>
                `CREATE TRIGGER intruder_${t} BEFORE INSERT ON ${t} ` +
                `FOR EACH ROW EXECUTE FUNCTION intruder_refuse();`,
            )
            .join(''),
      ),
    allowInserts: (tables) =>
      run(tables.map((t) => `DROP TRIGGER intruder_${t} ON ${t};`).join('')),
    close: () => client.end(),
  };
}
