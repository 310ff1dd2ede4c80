import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { SQLITE_SEARCH_TABLE } from '../dialect';
import { columnTypes, id, references } from './migration-types';

/**
 * API keys (stored as hashes), the audit trail (ids only, never personal data), the erasure mark
 * on leads (ADD COLUMN: SQLite must not rebuild `leads`, its FTS triggers would go), and the
 * claim row that lets one instance run a daily job. On SQLite the search index switches to FTS5
 * `secure-delete`, so an erased name leaves the index at once instead of lingering in an old
 * segment until the next merge.
 */
export class IntegrationsAndPrivacy1732350000012 implements MigrationInterface {
  name = 'IntegrationsAndPrivacy1732350000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp } = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'prefix', type: 'varchar', length: '16' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'scopes', type: 'varchar', length: '200' },
          id('created_by_id'),
          { name: 'created_at', type: timestamp },
          { name: 'last_used_at', type: timestamp, isNullable: true },
        ],
        foreignKeys: [references('created_by_id', 'users', 'CASCADE')],
        indices: [new TableIndex({ name: 'idx_api_keys_prefix', columnNames: ['prefix'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'at', type: timestamp },
          { ...id('actor_user_id'), isNullable: true },
          { ...id('actor_api_key_id'), isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { ...id('lead_id'), isNullable: true },
          { ...id('target_id'), isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_events_at', columnNames: ['at', 'id'] }),
          new TableIndex({ name: 'idx_audit_events_lead', columnNames: ['lead_id', 'at'] }),
          new TableIndex({ name: 'idx_audit_events_actor', columnNames: ['actor_user_id', 'at'] }),
          new TableIndex({ name: 'idx_audit_events_action', columnNames: ['action', 'at'] }),
        ],
      }),
    );
    // Plain SQL: TypeORM's addColumn rebuilds the table on SQLite.
    await queryRunner.query(`ALTER TABLE leads ADD COLUMN erased_at ${timestamp} NULL`);
    await queryRunner.createTable(
      new Table({
        name: 'scheduled_jobs',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'next_run_at', type: timestamp },
        ],
      }),
    );
    if (queryRunner.connection.options.type === 'sqlite') {
      await queryRunner.query(
        `INSERT INTO ${SQLITE_SEARCH_TABLE} (${SQLITE_SEARCH_TABLE}, rank) VALUES ('secure-delete', 1)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'sqlite') {
      await queryRunner.query(
        `INSERT INTO ${SQLITE_SEARCH_TABLE} (${SQLITE_SEARCH_TABLE}, rank) VALUES ('secure-delete', 0)`,
      );
    }
    await queryRunner.dropTable('scheduled_jobs');
    await queryRunner.query('ALTER TABLE leads DROP COLUMN erased_at');
    await queryRunner.dropTable('audit_events');
    await queryRunner.dropTable('api_keys');
  }
}
