import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes, id, references } from './migration-types';

/**
 * The follow-up loop (issue 15): outcomes (a decline reason), assignment (who takes leads, whose
 * turn it is, each lead's assignee and reassignments) and speed-to-lead (when a lead is due).
 * Columns are added with plain `ALTER TABLE … ADD COLUMN`, which both databases run in place:
 * TypeORM's addColumn would rebuild SQLite tables, and with `leads` drop its search triggers.
 */
export class FollowUp1732350000011 implements MigrationInterface {
  name = 'FollowUp1732350000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp, true: yes } = columnTypes(queryRunner);
    const postgres = queryRunner.connection.options.type === 'postgres';
    const add = (table: string, column: string) =>
      queryRunner.query(`ALTER TABLE ${table} ADD COLUMN ${column}`);

    await add('lead_state_changes', 'reason varchar(500)');
    await add('users', `accepts_leads boolean NOT NULL DEFAULT ${yes}`);
    await add('users', `last_assigned_at ${timestamp}`);
    // SQLite takes a foreign key only as part of ADD COLUMN; PostgreSQL gets it below, named as
    // TypeORM names it. TypeORM reads SQLite's key names only from `CONSTRAINT "…" FOREIGN KEY`
    // in the table's SQL, which a column definition cannot hold; SQLite keeps the ADD COLUMN
    // text verbatim, so the comment carries the name, and the schema stays in step with the
    // entity (test/schema.e2e-spec.ts) instead of TypeORM rebuilding `leads`.
    const fk = queryRunner.connection.namingStrategy.foreignKeyName(
      'leads',
      ['assigned_to_id'],
      'users',
      ['id'],
    );
    await add(
      'leads',
      postgres
        ? 'assigned_to_id varchar(36)'
        : `assigned_to_id varchar(36) REFERENCES users(id) ON DELETE SET NULL ` +
            `/* CONSTRAINT "${fk}" FOREIGN KEY ("assigned_to_id") REFERENCES "users" */`,
    );
    if (postgres)
      await queryRunner.createForeignKey(
        'leads',
        references('assigned_to_id', 'users', 'SET NULL'),
      );
    await add('leads', `follow_up_due_at ${timestamp}`);
    // The lead's next follow-up step (reminder, then escalation) and when it falls due.
    await add('leads', 'follow_up_stage varchar(16)');
    await add('leads', `follow_up_next_at ${timestamp}`);
    await queryRunner.createIndex(
      'leads',
      new TableIndex({ name: 'idx_leads_follow_up_next', columnNames: ['follow_up_next_at'] }),
    );
    await queryRunner.createIndex(
      'leads',
      new TableIndex({ name: 'idx_leads_assignee', columnNames: ['assigned_to_id', 'state'] }),
    );
    await queryRunner.createIndex(
      'leads',
      new TableIndex({ name: 'idx_leads_follow_up', columnNames: ['state', 'follow_up_due_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lead_assignments',
        columns: [
          { ...id(), isPrimary: true },
          id('lead_id'),
          { ...id('from_user_id'), isNullable: true },
          { ...id('to_user_id'), isNullable: true },
          { ...id('changed_by_id'), isNullable: true },
          { name: 'changed_at', type: timestamp },
        ],
        foreignKeys: [
          references('lead_id', 'leads', 'CASCADE'),
          references('from_user_id', 'users', 'SET NULL'),
          references('to_user_id', 'users', 'SET NULL'),
          references('changed_by_id', 'users', 'SET NULL'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_lead_assignments_lead',
            columnNames: ['lead_id', 'changed_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lead_assignments');
    await queryRunner.dropIndex('leads', 'idx_leads_follow_up_next');
    await queryRunner.dropIndex('leads', 'idx_leads_follow_up');
    await queryRunner.dropIndex('leads', 'idx_leads_assignee');
    for (const [table, column] of [
      ['leads', 'follow_up_next_at'],
      ['leads', 'follow_up_stage'],
      ['leads', 'follow_up_due_at'],
      ['leads', 'assigned_to_id'],
      ['users', 'last_assigned_at'],
      ['users', 'accepts_leads'],
      ['lead_state_changes', 'reason'],
    ]) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  }
}
