import {
  Brackets,
  type ColumnType,
  DataSource,
  type EntityManager,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { searchWords } from '../common/search-text';

/**
 * Everything that differs between the two supported databases lives here: column types, how a
 * text search is answered, row locking, whether writes must queue. Feature code asks this module
 * and never looks at the driver itself.
 */
export type DialectName = 'sqlite' | 'postgres';

/**
 * Entity decorators are evaluated when the entity file is loaded, so column types follow DB_TYPE
 * from the environment (or the .env file loaded by main.ts / the test setup) at that moment.
 */
const LOADED_AS: DialectName = process.env.DB_TYPE === 'postgres' ? 'postgres' : 'sqlite';
export const TIMESTAMP: ColumnType = LOADED_AS === 'postgres' ? 'timestamptz' : 'datetime';
export const BINARY: ColumnType = LOADED_AS === 'postgres' ? 'bytea' : 'blob';

/** The SQLite FTS5 trigram index over leads' `search_text` (see migration 1732350000008). */
export const SQLITE_SEARCH_TABLE = 'leads_search';
/** The trigram index serves searches of at least this many characters; shorter ones scan. */
const TRIGRAM = 3;

export class Dialect {
  readonly name: DialectName;

  constructor(dataSource: DataSource) {
    this.name = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  get isPostgres(): boolean {
    return this.name === 'postgres';
  }

  /**
   * True when the database takes one write transaction at a time on one shared connection
   * (TypeORM's SQLite driver), so writes must queue in the process (TransactionRunner).
   */
  get writesOnOneConnection(): boolean {
    return this.name === 'sqlite';
  }

  /**
   * Locks the rows `query` selects until the transaction ends. With `skipLocked`, rows another
   * transaction holds are passed over instead of waited for (claims). SQLite needs nothing: one
   * write transaction runs at a time.
   */
  lockRows<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    { skipLocked = false } = {},
  ): SelectQueryBuilder<T> {
    if (!this.isPostgres) return query;
    query.setLock('pessimistic_write');
    if (skipLocked) query.setOnLocked('skip_locked');
    return query;
  }

  /**
   * Serialises the transactions that pass the same `key` until they end, across instances: a
   * read-then-write on that key (count, then insert) cannot interleave with another. PostgreSQL
   * takes a transaction-scoped advisory lock; SQLite needs nothing, its write transactions
   * already hold the database's only write lock from BEGIN (see TransactionRunner).
   */
  async lockKey(em: EntityManager, namespace: number, key: string): Promise<void> {
    if (!this.isPostgres) return;
    await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, key]);
  }

  /**
   * Once per connection: SQLite overwrites deleted content with zeros (secure_delete), so erased
   * data does not linger in free pages of the file. TypeORM's SQLite driver has one connection.
   */
  async prepareConnection(dataSource: DataSource): Promise<void> {
    if (!this.isPostgres) await dataSource.query('PRAGMA secure_delete = ON');
  }

  /**
   * After an erasure: SQLite copies the WAL into the database and truncates it, so the old page
   * images holding the erased values leave the -wal file. The same connection's open reads make
   * a checkpoint fail (SQLITE_LOCKED); it is tried a few times. PostgreSQL needs nothing here
   * (the rows are updated or deleted; VACUUM reclaims the old versions).
   */
  async afterErasure(dataSource: DataSource): Promise<void> {
    if (this.isPostgres) return;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [result] = await dataSource.query<{ busy: number }[]>(
          'PRAGMA wal_checkpoint(TRUNCATE)',
        );
        if (!result?.busy) return;
        if (attempt >= 20) throw new Error('WAL checkpoint stayed busy');
      } catch (error) {
        if (attempt >= 20) throw error;
      }
      await new Promise((r) => setTimeout(r, 25 * attempt));
    }
  }

  /**
   * The leads whose names or e-mail contain every word of `text`, ignoring case and accents
   * ("garcia maria" finds María García), as a condition to AND (or OR) into a query. Both sides
   * are folded by common/search-text.ts; the stored side is the `search_text` column. SQLite
   * answers words of three characters or more from its FTS5 trigram index over that column;
   * PostgreSQL's trigram GIN index on it serves the LIKEs. Shorter words scan.
   */
  leadSearch(alias: string, text: string): Brackets {
    const words = searchWords(text);
    const indexed = this.isPostgres ? [] : words.filter((w) => [...w].length >= TRIGRAM);
    const scanned = words.filter((w) => !indexed.includes(w));
    return new Brackets((w) => {
      w.where('1 = 1');
      if (indexed.length) {
        const phrase = indexed.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ');
        w.andWhere(
          `${alias}.rowid IN (SELECT rowid FROM ${SQLITE_SEARCH_TABLE} ` +
            `WHERE ${SQLITE_SEARCH_TABLE} MATCH :searchPhrase)`,
          { searchPhrase: phrase },
        );
      }
      scanned.forEach((word, i) => {
        w.andWhere(`${alias}.searchText LIKE :searchWord${i} ESCAPE '\\'`, {
          [`searchWord${i}`]: `%${escapeLike(word)}%`,
        });
      });
    });
  }

  /** SQL: whole milliseconds from timestamp `start` to timestamp `end` (a number). */
  millisecondsBetween(start: string, end: string): string {
    return this.isPostgres
      ? `ROUND(EXTRACT(EPOCH FROM (${end} - ${start})) * 1000)::double precision`
      : // julianday is exact to well under a millisecond at today's dates; ROUND makes it whole.
        `ROUND((julianday(${end}) - julianday(${start})) * 86400000.0)`;
  }

  /** SQL: the Monday (UTC) of the week a timestamp falls in, as text `YYYY-MM-DD`. */
  weekStart(column: string): string {
    return this.isPostgres
      ? `to_char(date_trunc('week', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`
      : `date(${column}, '-6 days', 'weekday 1')`;
  }

  /**
   * SQL answering the 0.5 and 0.9 percentiles of `v` over the rows of `values` (a query with
   * columns `grp` and `v`), for every `grp` and for all rows together (`grp` null), with linear
   * interpolation between the closest ranks: PostgreSQL's `percentile_cont` (by GROUPING SETS).
   * SQLite has none built in: its window functions rank the values once per group and once
   * overall, in one pass over `values`, and the same formula blends the two ranks around
   * (n - 1) · p. Rows: `grp`, `p50`, `p90`.
   */
  percentiles(values: string): string {
    if (this.isPostgres) {
      return (
        `SELECT grp, percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS p50, ` +
        `percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90 ` +
        `FROM (${values}) vals GROUP BY GROUPING SETS ((grp), ())`
      );
    }
    const pick = (rank: string, count: string, p: number) => {
      const k = `((${count} - 1) * ${p})`;
      const lo = `CAST(${k} AS INTEGER)`;
      return (
        `SUM(CASE WHEN ${rank} = ${lo} THEN v * (1 - (${k} - ${lo})) ` +
        `WHEN ${rank} = ${lo} + 1 THEN v * (${k} - ${lo}) ELSE 0 END)`
      );
    };
    const ranked =
      `SELECT grp, v, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY v) - 1 AS rn, ` +
      `COUNT(*) OVER (PARTITION BY grp) AS n, ` +
      `ROW_NUMBER() OVER (ORDER BY v) - 1 AS rn_all, COUNT(*) OVER () AS n_all ` +
      `FROM (${values}) vals`;
    return (
      `SELECT grp, ${pick('rn', 'n', 0.5)} AS p50, ${pick('rn', 'n', 0.9)} AS p90 ` +
      `FROM ranked GROUP BY grp UNION ALL ` +
      `SELECT NULL, ${pick('rn_all', 'n_all', 0.5)}, ${pick('rn_all', 'n_all', 0.9)} ` +
      `FROM ranked HAVING COUNT(*) > 0`
    ).replace(/^/, `WITH ranked AS (${ranked}) `);
  }

  /** Narrows a lead query to the rows `leadSearch` describes. */
  whereLeadContains<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    alias: string,
    text: string,
  ): SelectQueryBuilder<T> {
    return query.andWhere(this.leadSearch(alias, text));
  }
}

const dialects = new WeakMap<DataSource, Dialect>();

/** The dialect of a connection (one instance per DataSource). */
export function dialectOf(dataSource: DataSource): Dialect {
  let dialect = dialects.get(dataSource);
  if (!dialect) {
    dialect = new Dialect(dataSource);
    dialects.set(dataSource, dialect);
  }
  return dialect;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
