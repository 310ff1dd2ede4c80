import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ConflictStatus } from '../../conflicts/conflict-hit';

export interface TriageFilters {
  /** Default false: spam is hidden unless asked for. */
  spam?: boolean;
  duplicate?: boolean;
  conflict?: ConflictStatus;
}

/** Narrows a lead list by the triage filters. */
export function whereTriage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  filters: TriageFilters,
): SelectQueryBuilder<T> {
  qb.andWhere(`${alias}.spam = :spam`, { spam: filters.spam ?? false });
  if (filters.duplicate !== undefined) {
    qb.andWhere(`${alias}.duplicateOf IS ${filters.duplicate ? 'NOT NULL' : 'NULL'}`);
  }
  if (filters.conflict)
    qb.andWhere(`${alias}.conflict = :conflict`, { conflict: filters.conflict });
  return qb;
}

/** The filters as query parameters, for the list's Link header. */
export function triageParams(filters: TriageFilters): Record<string, string | undefined> {
  return {
    spam: filters.spam === undefined ? undefined : String(filters.spam),
    duplicate: filters.duplicate === undefined ? undefined : String(filters.duplicate),
    conflict: filters.conflict,
  };
}
