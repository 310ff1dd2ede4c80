import { QueryFailedError } from 'typeorm';

/** True when a query failed on a UNIQUE constraint, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  return (
    driverError?.code === '23505' ||
    (driverError?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(driverError.message ?? ''))
  );
}

/**
 * True when a query failed on the unique index `index` over `table.column`: PostgreSQL names the
 * index (constraint), SQLite names the column ("UNIQUE constraint failed: leads.reference").
 */
export function isUniqueViolationOf(
  error: unknown,
  index: string,
  table: string,
  column: string,
): boolean {
  if (!isUniqueViolation(error)) return false;
  const driverError = (error as QueryFailedError).driverError as {
    constraint?: string;
    message?: string;
  };
  return (
    driverError.constraint === index || (driverError.message ?? '').includes(`${table}.${column}`)
  );
}
