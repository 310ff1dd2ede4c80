import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columnTypes, id, references } from './migration-types';

/**
 * Intake triage (issue 14): spam, returning prospects and the conflict pre-check on `leads`; the
 * firm's conflict register; and the name keys both are matched through (one indexed lookup per
 * name instead of a fuzzy scan). On SQLite the lead columns are plain `ALTER TABLE … ADD COLUMN`:
 * TypeORM's addColumn would rebuild `leads` and drop its search triggers.
 */
export class IntakeTriage1732350000010 implements MigrationInterface {
  name = 'IntakeTriage1732350000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp } = columnTypes(queryRunner);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.addColumns('leads', [
        new TableColumn({
          name: 'opposing_party',
          type: 'varchar',
          length: '100',
          isNullable: true,
        }),
        new TableColumn({ name: 'spam', type: 'boolean', default: 'false' }),
        new TableColumn({ name: 'spam_reasons', type: 'text', isNullable: true }),
        new TableColumn({ ...id('duplicate_of'), isNullable: true }),
        new TableColumn({ name: 'conflict', type: 'varchar', length: '16', default: "'clear'" }),
        new TableColumn({ name: 'conflict_hits', type: 'text', isNullable: true }),
      ]);
    } else {
      for (const column of [
        '"opposing_party" varchar(100)',
        '"spam" boolean NOT NULL DEFAULT (0)',
        '"spam_reasons" text',
        '"duplicate_of" varchar(36)',
        `"conflict" varchar(16) NOT NULL DEFAULT ('clear')`,
        '"conflict_hits" text',
      ]) {
        await queryRunner.query(`ALTER TABLE "leads" ADD COLUMN ${column}`);
      }
    }
    // The default list (spam hidden) and the spam list, newest first.
    await queryRunner.createIndex(
      'leads',
      new TableIndex({ name: 'idx_leads_spam_created', columnNames: ['spam', 'created_at', 'id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'conflict_parties',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'note', type: 'varchar', length: '1000', isNullable: true },
          { name: 'created_at', type: timestamp },
        ],
        indices: [
          new TableIndex({
            name: 'idx_conflict_parties_created',
            columnNames: ['created_at', 'id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'conflict_party_keys',
        columns: [
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { ...id('party_id'), isPrimary: true },
        ],
        foreignKeys: [references('party_id', 'conflict_parties', 'CASCADE')],
        indices: [
          new TableIndex({ name: 'idx_conflict_party_keys_party', columnNames: ['party_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lead_name_keys',
        columns: [
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { name: 'side', type: 'varchar', length: '16', isPrimary: true },
          { ...id('lead_id'), isPrimary: true },
        ],
        foreignKeys: [references('lead_id', 'leads', 'CASCADE')],
        indices: [new TableIndex({ name: 'idx_lead_name_keys_lead', columnNames: ['lead_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lead_name_keys');
    await queryRunner.dropTable('conflict_party_keys');
    await queryRunner.dropTable('conflict_parties');
    await queryRunner.dropIndex('leads', 'idx_leads_spam_created');
    for (const column of [
      'conflict_hits',
      'conflict',
      'duplicate_of',
      'spam_reasons',
      'spam',
      'opposing_party',
    ]) {
      await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "${column}"`);
    }
  }
}
