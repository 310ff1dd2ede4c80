import type { ColumnType } from 'typeorm';

/**
 * Column types that differ between the two supported drivers. Entity decorators are evaluated
 * when the entity file is loaded, so DB_TYPE must be in the environment before that (it is: it
 * comes from the process environment or the .env file loaded by main.ts / the test setup).
 */
const isPostgres = (process.env.DB_TYPE ?? 'sqlite') === 'postgres';

export const TIMESTAMP: ColumnType = isPostgres ? 'timestamptz' : 'datetime';
export const BINARY: ColumnType = isPostgres ? 'bytea' : 'blob';
