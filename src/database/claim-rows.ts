import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget } from 'typeorm';
import { dialectOf } from './dialect';

/** What a claimable entity has: an id and a lease (token + expiry). */
export interface Claimable {
  id: string;
  claimToken: string | null;
  claimedUntil: Date | null;
}

export interface ClaimRequest<T extends Claimable> {
  entity: EntityTarget<T>;
  /** Extra condition on claimable rows (alias `c`), e.g. `c.status = 'pending'`; `:now` is bound. */
  where: string;
  params?: Record<string, unknown>;
  orderBy: string;
  limit: number;
  leaseMs: number;
}

/**
 * Atomically leases up to `limit` rows to the caller and returns the claim token written on them.
 * A lease that runs out (its holder crashed) makes the rows claimable again. On PostgreSQL the
 * candidate rows are locked with FOR UPDATE SKIP LOCKED, so concurrent instances never claim the
 * same row; SQLite runs one write at a time anyway (see TransactionRunner).
 */
export async function claimRows<T extends Claimable>(
  em: EntityManager,
  claim: ClaimRequest<T>,
): Promise<string> {
  const token = randomUUID();
  const now = new Date();
  const candidates = em
    .createQueryBuilder()
    .select('c.id')
    .from(claim.entity, 'c')
    .where(`(c.claimedUntil IS NULL OR c.claimedUntil < :now) AND (${claim.where})`)
    .orderBy(claim.orderBy)
    .limit(claim.limit);
  dialectOf(em.connection).lockRows(candidates, { skipLocked: true });
  await em
    .createQueryBuilder()
    .update(claim.entity)
    .set({ claimToken: token, claimedUntil: new Date(now.getTime() + claim.leaseMs) })
    .where(`id IN (${candidates.getQuery()})`)
    .setParameters({ ...claim.params, now })
    .execute();
  return token;
}
