import { TableForeignKey, type QueryRunner } from 'typeorm';

/** Column types for hand-written migrations that must run on SQLite and PostgreSQL alike. */
export function columnTypes(queryRunner: QueryRunner): {
  timestamp: string;
  binary: string;
  /** A boolean `true` default as each driver writes it (so `migration:generate` sees no change). */
  true: string;
} {
  const postgres = queryRunner.connection.options.type === 'postgres';
  return {
    timestamp: postgres ? 'timestamptz' : 'datetime',
    binary: postgres ? 'bytea' : 'blob',
    true: postgres ? 'true' : '1',
  };
}

export const id = (name = 'id') => ({ name, type: 'varchar', length: '36' });

/** A foreign key from `column` to `table`.id. */
export const references = (column: string, table: string, onDelete: 'CASCADE' | 'SET NULL') =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });
