import { resolve } from 'node:path';
import type { DatabaseConfig } from '../config/configuration';
import { StartupError } from '../config/startup-error';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** Turns a failed first connection into one sentence naming the server and the setting to check. */
export function connectionFailure(error: unknown, db: DatabaseConfig): StartupError {
  const code = (error as { code?: unknown } | null)?.code;
  if (db.type === 'sqlite') {
    return new StartupError(
      `cannot open the SQLite database ${db.path} (${typeof code === 'string' ? code : 'error'}) — check DB_PATH`,
    );
  }
  const { where, setting, user } = postgresTarget(db);
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new StartupError(`cannot reach PostgreSQL at ${where} (${code}) — check ${setting}`);
  }
  if (code === '28P01' || code === '28000') {
    return new StartupError(
      `PostgreSQL at ${where} refused the login of user ${user} — check ${setting}`,
    );
  }
  if (code === '3D000') {
    return new StartupError(`PostgreSQL at ${where} has no such database — check ${setting}`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupError(`cannot connect to PostgreSQL at ${where}: ${reason} — check ${setting}`);
}

/** host:port/database and the variable(s) that chose them; never the password. */
export function postgresTarget(db: DatabaseConfig): {
  where: string;
  setting: string;
  user: string;
} {
  if (db.url) {
    try {
      const url = new URL(db.url);
      return {
        where: `${url.hostname}:${url.port || 5432}${url.pathname}`,
        setting: 'DATABASE_URL',
        user: decodeURIComponent(url.username) || '(none)',
      };
    } catch {
      return { where: '(unparsable DATABASE_URL)', setting: 'DATABASE_URL', user: '(unknown)' };
    }
  }
  return {
    where: `${db.host}:${db.port}/${db.database}`,
    setting: 'DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD',
    user: db.username,
  };
}

/** "PostgreSQL at host:port/db" or "SQLite at /absolute/path", for the start-up log. */
export function describeDatabase(db: DatabaseConfig): string {
  return db.type === 'sqlite'
    ? `SQLite at ${resolve(db.path)}`
    : `PostgreSQL at ${postgresTarget(db).where}`;
}
