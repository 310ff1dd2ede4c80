import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Lead sources and the intake report (issue 15): the campaign tags and referrer the form
 * captured, the report's source key, and an index the report's range scans read alone (spam and
 * date range, then what they group and measure by: state, source, assignee, contact and due times). Plain `ALTER TABLE … ADD COLUMN`: TypeORM's
 * addColumn rebuilds SQLite tables, and with `leads` would drop its search triggers.
 * Leads stored before could not carry a source: they count as "direct"; erased ones keep a
 * null key (the report's "unknown").
 */
export class LeadSource1732350000014 implements MigrationInterface {
  name = 'LeadSource1732350000014';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'utm_source varchar(200)',
      'utm_medium varchar(200)',
      'utm_campaign varchar(200)',
      'referrer varchar(2000)',
      'source_key varchar(200)',
    ]) {
      await queryRunner.query(`ALTER TABLE leads ADD COLUMN ${column}`);
    }
    await queryRunner.query(`UPDATE leads SET source_key = 'direct' WHERE erased_at IS NULL`);
    await queryRunner.createIndex(
      'leads',
      new TableIndex({
        name: 'idx_leads_report',
        columnNames: [
          'spam',
          'created_at',
          'state',
          'source_key',
          'assigned_to_id',
          'reached_out_at',
          'follow_up_due_at',
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('leads', 'idx_leads_report');
    for (const column of ['source_key', 'referrer', 'utm_campaign', 'utm_medium', 'utm_source']) {
      await queryRunner.query(`ALTER TABLE leads DROP COLUMN ${column}`);
    }
  }
}
