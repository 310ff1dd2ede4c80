import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes, id, references } from './migration-types';

export class ResumesAndIdempotency1732350000002 implements MigrationInterface {
  name = 'ResumesAndIdempotency1732350000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp, binary } = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'lead_resumes',
        columns: [
          { ...id('lead_id'), isPrimary: true },
          { name: 'filename', type: 'varchar', length: '255' },
          { name: 'content_type', type: 'varchar', length: '100' },
          { name: 'size', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'data', type: binary },
          { name: 'created_at', type: timestamp },
        ],
        foreignKeys: [references('lead_id', 'leads', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          id('lead_id'),
          { name: 'created_at', type: timestamp },
        ],
        foreignKeys: [references('lead_id', 'leads', 'CASCADE')],
        indices: [
          new TableIndex({ name: 'idx_idempotency_keys_created', columnNames: ['created_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
    await queryRunner.dropTable('lead_resumes');
  }
}
