import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes, id, references } from './migration-types';

export class OutboxAndNotifications1732350000003 implements MigrationInterface {
  name = 'OutboxAndNotifications1732350000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp } = columnTypes(queryRunner);
    const claimColumns = [
      { ...id('claim_token'), isNullable: true },
      { name: 'claimed_until', type: timestamp, isNullable: true },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'outbox_events',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'payload', type: 'text' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'varchar', length: '1000', isNullable: true },
          ...claimColumns,
          { name: 'published_at', type: timestamp, isNullable: true },
          { name: 'created_at', type: timestamp },
        ],
        indices: [
          new TableIndex({
            name: 'idx_outbox_events_pending',
            columnNames: ['published_at', 'created_at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { ...id(), isPrimary: true },
          id('lead_id'),
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'recipient', type: 'varchar', length: '254' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'varchar', length: '1000', isNullable: true },
          { name: 'next_attempt_at', type: timestamp },
          ...claimColumns,
          { name: 'sent_at', type: timestamp, isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        foreignKeys: [references('lead_id', 'leads', 'CASCADE')],
        indices: [
          // Also what makes re-publishing an outbox event harmless: one row per message.
          new TableIndex({
            name: 'uq_notifications_message',
            columnNames: ['lead_id', 'kind', 'recipient'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_notifications_due',
            columnNames: ['status', 'next_attempt_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notifications');
    await queryRunner.dropTable('outbox_events');
  }
}
