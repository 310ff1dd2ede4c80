import type { EntityManager, EntityTarget, InsertQueryBuilder, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * An INSERT of rows whose every column the caller sets. `em.insert` would follow each INSERT with
 * a SELECT of the defaulted columns on SQLite, a second round trip inside a write transaction that
 * every other write queues behind.
 */
export function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): InsertQueryBuilder<T> {
  return em.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false);
}
