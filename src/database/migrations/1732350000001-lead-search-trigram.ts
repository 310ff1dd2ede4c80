import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL only: `GET /leads?q=` is a substring match (LOWER(col) LIKE '%q%'), which no B-tree
 * can serve. Trigram GIN indexes on exactly those expressions let the planner answer it with a
 * bitmap OR instead of a sequential scan. SQLite has no equivalent and scans; it is meant for
 * one firm's volume on one machine.
 */
export class LeadSearchTrigram1732350000001 implements MigrationInterface {
  name = 'LeadSearchTrigram1732350000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(
      'CREATE INDEX "pg_trgm_leads_first_name" ON "leads" USING gin (LOWER("first_name") gin_trgm_ops)',
    );
    await queryRunner.query(
      'CREATE INDEX "pg_trgm_leads_last_name" ON "leads" USING gin (LOWER("last_name") gin_trgm_ops)',
    );
    await queryRunner.query(
      'CREATE INDEX "pg_trgm_leads_email" ON "leads" USING gin (LOWER("email") gin_trgm_ops)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP INDEX IF EXISTS "pg_trgm_leads_email"');
    await queryRunner.query('DROP INDEX IF EXISTS "pg_trgm_leads_last_name"');
    await queryRunner.query('DROP INDEX IF EXISTS "pg_trgm_leads_first_name"');
  }
}
