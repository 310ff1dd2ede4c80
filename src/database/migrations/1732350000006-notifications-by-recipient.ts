import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** What the per-recipient cap on acknowledgements counts: one recipient's recent messages. */
export class NotificationsByRecipient1732350000006 implements MigrationInterface {
  name = 'NotificationsByRecipient1732350000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'notifications',
      new TableIndex({
        name: 'idx_notifications_recipient',
        columnNames: ['recipient', 'kind', 'created_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('notifications', 'idx_notifications_recipient');
  }
}
