import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes, id, references } from './migration-types';

/**
 * Outbound webhooks: the endpoints (with the secret they are signed with, and the previous one
 * during a rotation's overlap), one delivery row per event and endpoint (unique, so a re-published
 * outbox event plans nothing twice), and the log of every attempt.
 */
export class Webhooks1732350000013 implements MigrationInterface {
  name = 'Webhooks1732350000013';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp } = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'events', type: 'varchar', length: '200' },
          { name: 'description', type: 'varchar', length: '200', isNullable: true },
          { name: 'secret', type: 'varchar', length: '64' },
          { name: 'previous_secret', type: 'varchar', length: '64', isNullable: true },
          { name: 'previous_secret_until', type: timestamp, isNullable: true },
          { ...id('created_by_id'), isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        foreignKeys: [references('created_by_id', 'users', 'SET NULL')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { ...id(), isPrimary: true },
          id('endpoint_id'),
          id('event_id'),
          { name: 'event_type', type: 'varchar', length: '32' },
          id('lead_id'),
          { name: 'body', type: 'text', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'next_attempt_at', type: timestamp },
          { ...id('claim_token'), isNullable: true },
          { name: 'claimed_until', type: timestamp, isNullable: true },
          { name: 'delivered_at', type: timestamp, isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        foreignKeys: [references('endpoint_id', 'webhook_endpoints', 'CASCADE')],
        indices: [
          new TableIndex({
            name: 'uq_webhook_deliveries_event',
            columnNames: ['event_id', 'endpoint_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_webhook_deliveries_due',
            columnNames: ['status', 'next_attempt_at'],
          }),
          new TableIndex({ name: 'idx_webhook_deliveries_lead', columnNames: ['lead_id'] }),
          new TableIndex({ name: 'idx_webhook_deliveries_endpoint', columnNames: ['endpoint_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_attempts',
        columns: [
          { ...id(), isPrimary: true },
          id('delivery_id'),
          id('endpoint_id'),
          { name: 'attempt', type: 'integer' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'response_status', type: 'integer', isNullable: true },
          { name: 'duration_ms', type: 'integer' },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
          { name: 'attempted_at', type: timestamp },
        ],
        foreignKeys: [
          references('delivery_id', 'webhook_deliveries', 'CASCADE'),
          references('endpoint_id', 'webhook_endpoints', 'CASCADE'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_webhook_attempts_endpoint',
            columnNames: ['endpoint_id', 'attempted_at'],
          }),
          new TableIndex({ name: 'idx_webhook_attempts_delivery', columnNames: ['delivery_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_attempts');
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_endpoints');
  }
}
