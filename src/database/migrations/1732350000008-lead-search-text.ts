import { MigrationInterface, QueryRunner } from 'typeorm';
import { leadSearchText } from '../../common/search-text';
import { LeadSearchFts1732350000004 } from './1732350000004-lead-search-fts';

/** The FTS5 table: its name is unchanged, its one column is now `search_text`. */
const FTS = 'leads_search';
const OLD_TRIGGERS = ['leads_search_update', 'leads_search_delete', 'leads_search_insert'];
const OLD_TRIGRAM_INDEXES = [
  'pg_trgm_leads_first_name',
  'pg_trgm_leads_last_name',
  'pg_trgm_leads_email',
];
const BATCH = 500;

/**
 * Search that ignores accents and finds a full name: `leads.search_text` holds the names and
 * e-mail folded by the app (lower-case, accents stripped, "first last email"), and the search
 * index moves onto that one column — on SQLite the FTS5 trigram table (rebuilt over the new
 * column; `leads` itself is only ALTERed, never rebuilt), on PostgreSQL one trigram GIN index
 * instead of three. Existing leads are backfilled with the same function the service uses.
 */
export class LeadSearchText1732350000008 implements MigrationInterface {
  name = 'LeadSearchText1732350000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    if (!postgres) {
      for (const trigger of OLD_TRIGGERS)
        await queryRunner.query(`DROP TRIGGER IF EXISTS ${trigger}`);
      await queryRunner.query(`DROP TABLE IF EXISTS ${FTS}`);
    }
    await queryRunner.query(`ALTER TABLE leads ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    await backfill(queryRunner, postgres);
    if (postgres) {
      for (const index of OLD_TRIGRAM_INDEXES)
        await queryRunner.query(`DROP INDEX IF EXISTS "${index}"`);
      await queryRunner.query(
        'CREATE INDEX "pg_trgm_leads_search_text" ON "leads" USING gin ("search_text" gin_trgm_ops)',
      );
      return;
    }
    await queryRunner.query(
      `CREATE VIRTUAL TABLE ${FTS} USING fts5(search_text, ` +
        `content = 'leads', content_rowid = 'rowid', tokenize = 'trigram')`,
    );
    const insert = `INSERT INTO ${FTS} (rowid, search_text) VALUES (new.rowid, new.search_text);`;
    const remove =
      `INSERT INTO ${FTS} (${FTS}, rowid, search_text) ` +
      `VALUES ('delete', old.rowid, old.search_text);`;
    await queryRunner.query(
      `CREATE TRIGGER leads_search_insert AFTER INSERT ON leads BEGIN ${insert} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER leads_search_delete AFTER DELETE ON leads BEGIN ${remove} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER leads_search_update AFTER UPDATE OF search_text ON leads BEGIN ${remove} ${insert} END`,
    );
    await queryRunner.query(`INSERT INTO ${FTS} (${FTS}) VALUES ('rebuild')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    if (postgres) {
      await queryRunner.query('DROP INDEX IF EXISTS "pg_trgm_leads_search_text"');
      for (const column of ['first_name', 'last_name', 'email']) {
        await queryRunner.query(
          `CREATE INDEX "pg_trgm_leads_${column}" ON "leads" USING gin (LOWER("${column}") gin_trgm_ops)`,
        );
      }
      await queryRunner.query('ALTER TABLE leads DROP COLUMN search_text');
      return;
    }
    for (const trigger of OLD_TRIGGERS)
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${trigger}`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${FTS}`);
    // SQLite 3.35+ drops a column in place (no table rebuild); the old index comes back as it was.
    await queryRunner.query('ALTER TABLE leads DROP COLUMN search_text');
    await new LeadSearchFts1732350000004().up(queryRunner);
  }
}

/** Folds every stored lead's names and e-mail, a batch at a time in id order. */
async function backfill(queryRunner: QueryRunner, postgres: boolean): Promise<void> {
  const p = (n: number) => (postgres ? `$${n}` : '?');
  let after = '';
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT id, first_name, last_name, email FROM leads WHERE id > ${p(1)} ORDER BY id LIMIT ${BATCH}`,
      [after],
    )) as Array<{ id: string; first_name: string; last_name: string; email: string }>;
    for (const row of rows) {
      await queryRunner.query(`UPDATE leads SET search_text = ${p(1)} WHERE id = ${p(2)}`, [
        leadSearchText(row.first_name, row.last_name, row.email),
        row.id,
      ]);
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
