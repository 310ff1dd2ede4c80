import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

/** Where the PostgreSQL suite finds its server; the test setup creates and drops databases there. */
export const PG_ADMIN_URL =
  process.env.PG_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const usingPostgres = (): boolean => process.env.DB_TYPE === 'postgres';

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL. */
export async function createTestDatabase(
  prefix = 'lead_e2e',
): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
