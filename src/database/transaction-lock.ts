import type { EntityManager } from 'typeorm';

/**
 * Serialises the transactions that pass the same `key` until they end, across instances: a
 * read-then-write on that key (count, then insert) cannot interleave with another. PostgreSQL
 * takes a transaction-scoped advisory lock; SQLite needs nothing, its write transactions already
 * hold the database's only write lock from BEGIN (see TransactionRunner).
 */
export async function lockForTransaction(
  em: EntityManager,
  namespace: number,
  key: string,
): Promise<void> {
  if (em.connection.options.type !== 'postgres') return;
  await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, key]);
}
