import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** As leads/reference/lead-reference.ts makes them (a migration keeps its own frozen copy). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newLeadReference = () => 'L-' + Array.from(randomBytes(6), (b) => ALPHABET[b & 31]).join('');

/**
 * A lead's short reference (`L-7K3M9Q`, told to the prospect and searchable), and the optional
 * phone (E.164) and message of the form. Plain ADD COLUMN on both databases: TypeORM's
 * addColumn would rebuild `leads` on SQLite and drop the search triggers. The columns stay
 * nullable (SQLite cannot add a NOT NULL column without a default); every lead gets a
 * reference here and at creation.
 */
export class LeadReferencePhoneMessage1732350000007 implements MigrationInterface {
  name = 'LeadReferencePhoneMessage1732350000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE leads ADD COLUMN reference varchar(8)');
    await queryRunner.query('ALTER TABLE leads ADD COLUMN phone varchar(16)');
    await queryRunner.query('ALTER TABLE leads ADD COLUMN message text');
    await this.backfillReferences(queryRunner);
    await queryRunner.createIndex(
      'leads',
      new TableIndex({ name: 'idx_leads_reference', columnNames: ['reference'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('leads', 'idx_leads_reference');
    // DROP COLUMN: PostgreSQL, and SQLite since 3.35 (no rebuild of the table either).
    for (const column of ['message', 'phone', 'reference']) {
      await queryRunner.query(`ALTER TABLE leads DROP COLUMN ${column}`);
    }
  }

  /** One distinct reference per existing lead (chosen here, so no clash is left to the index). */
  private async backfillReferences(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const rows = (await queryRunner.query('SELECT id FROM leads')) as { id: string }[];
    const taken = new Set<string>();
    for (const { id } of rows) {
      let reference = newLeadReference();
      while (taken.has(reference)) reference = newLeadReference();
      taken.add(reference);
      await queryRunner.query(
        postgres
          ? 'UPDATE leads SET reference = $1 WHERE id = $2'
          : 'UPDATE leads SET reference = ? WHERE id = ?',
        [reference, id],
      );
    }
  }
}
