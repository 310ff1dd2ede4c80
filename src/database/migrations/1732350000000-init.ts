import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes, id, references } from './migration-types';

export class Init1732350000000 implements MigrationInterface {
  name = 'Init1732350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp, true: isTrue } = columnTypes(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'password_hash', type: 'varchar', length: '100' },
          { name: 'active', type: 'boolean', default: isTrue },
          { name: 'token_version', type: 'integer', default: 0 },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'leads',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'first_name', type: 'varchar', length: '100' },
          { name: 'last_name', type: 'varchar', length: '100' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'resume_url', type: 'varchar', length: '2048', isNullable: true },
          { name: 'state', type: 'varchar', length: '16', default: "'PENDING'" },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
          { name: 'reached_out_at', type: timestamp, isNullable: true },
          { ...id('reached_out_by_id'), isNullable: true },
        ],
        foreignKeys: [references('reached_out_by_id', 'users', 'SET NULL')],
        indices: [
          // Newest-first listing (keyset-friendly), the same filtered by state, and lookups by email.
          new TableIndex({ name: 'idx_leads_created', columnNames: ['created_at', 'id'] }),
          new TableIndex({
            name: 'idx_leads_state_created',
            columnNames: ['state', 'created_at', 'id'],
          }),
          new TableIndex({ name: 'idx_leads_email', columnNames: ['email'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'lead_state_changes',
        columns: [
          { ...id(), isPrimary: true },
          id('lead_id'),
          { name: 'from_state', type: 'varchar', length: '16' },
          { name: 'to_state', type: 'varchar', length: '16' },
          { ...id('changed_by_id'), isNullable: true },
          { name: 'changed_at', type: timestamp },
        ],
        foreignKeys: [
          references('lead_id', 'leads', 'CASCADE'),
          references('changed_by_id', 'users', 'SET NULL'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_lead_state_changes_lead',
            columnNames: ['lead_id', 'changed_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lead_state_changes');
    await queryRunner.dropTable('leads');
    await queryRunner.dropTable('users');
  }
}
