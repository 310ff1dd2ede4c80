import { MigrationInterface, QueryRunner } from 'typeorm';
import { SQLITE_SEARCH_TABLE } from '../dialect';

/**
 * SQLite only: the counterpart of the PostgreSQL trigram indexes. An FTS5 table with the trigram
 * tokenizer answers substring searches ("ovel" in "Lovelace") from an index instead of scanning
 * every lead; it holds no copy of the data (external content: `leads`, joined by rowid) and
 * triggers keep it in step with the table. A later migration that makes TypeORM rebuild `leads`
 * (SQLite cannot alter most columns in place) drops these triggers and renumbers rowids: it must
 * recreate the triggers and run `INSERT INTO leads_search(leads_search) VALUES ('rebuild')`.
 */
export class LeadSearchFts1732350000004 implements MigrationInterface {
  name = 'LeadSearchFts1732350000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'sqlite') return;
    const columns = 'first_name, last_name, email';
    const values = (row: 'new' | 'old') =>
      `${row}.rowid, ${row}.first_name, ${row}.last_name, ${row}.email`;
    await queryRunner.query(
      `CREATE VIRTUAL TABLE ${SQLITE_SEARCH_TABLE} USING fts5(${columns}, ` +
        `content = 'leads', content_rowid = 'rowid', tokenize = 'trigram')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER leads_search_insert AFTER INSERT ON leads BEGIN ` +
        `INSERT INTO ${SQLITE_SEARCH_TABLE} (rowid, ${columns}) VALUES (${values('new')}); END`,
    );
    const remove =
      `INSERT INTO ${SQLITE_SEARCH_TABLE} (${SQLITE_SEARCH_TABLE}, rowid, ${columns}) ` +
      `VALUES ('delete', ${values('old')});`;
    await queryRunner.query(
      `CREATE TRIGGER leads_search_delete AFTER DELETE ON leads BEGIN ${remove} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER leads_search_update AFTER UPDATE OF ${columns} ON leads BEGIN ${remove} ` +
        `INSERT INTO ${SQLITE_SEARCH_TABLE} (rowid, ${columns}) VALUES (${values('new')}); END`,
    );
    // Leads stored before this migration.
    await queryRunner.query(
      `INSERT INTO ${SQLITE_SEARCH_TABLE} (${SQLITE_SEARCH_TABLE}) VALUES ('rebuild')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'sqlite') return;
    for (const trigger of ['leads_search_update', 'leads_search_delete', 'leads_search_insert']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${trigger}`);
    }
    await queryRunner.query(`DROP TABLE IF EXISTS ${SQLITE_SEARCH_TABLE}`);
  }
}
