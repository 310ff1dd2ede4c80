import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The follow-up loop (issue 15): why a lead was declined. Columns are added with plain
 * `ALTER TABLE … ADD COLUMN`, which both databases run in place (TypeORM's addColumn would
 * rebuild SQLite tables, and with `leads` its search triggers).
 */
export class FollowUp1732350000011 implements MigrationInterface {
  name = 'FollowUp1732350000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE lead_state_changes ADD COLUMN reason varchar(500)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE lead_state_changes DROP COLUMN reason');
  }
}
