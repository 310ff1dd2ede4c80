import type { QueryRunner } from 'typeorm';

/** Column types for hand-written migrations that must run on SQLite and PostgreSQL alike. */
export function columnTypes(queryRunner: QueryRunner): { timestamp: string; binary: string } {
  const postgres = queryRunner.connection.options.type === 'postgres';
  return { timestamp: postgres ? 'timestamptz' : 'datetime', binary: postgres ? 'bytea' : 'blob' };
}

export const id = (name = 'id') => ({ name, type: 'varchar', length: '36' });
