import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes, id, references } from './migration-types';

/**
 * Sign-in sessions (revocable tokens), and on PostgreSQL the table where every instance counts
 * rate-limited attempts (the layout rate-limiter-flexible's PostgreSQL store expects; SQLite
 * counts in memory, see RateLimiterFactory).
 */
export class SessionsAndRateLimits1732350000005 implements MigrationInterface {
  name = 'SessionsAndRateLimits1732350000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { timestamp } = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          { ...id(), isPrimary: true },
          id('user_id'),
          { name: 'created_at', type: timestamp },
          { name: 'expires_at', type: timestamp },
          { name: 'last_used_at', type: timestamp },
          { name: 'refresh_hash', type: 'varchar', length: '64' },
          { name: 'revoked_at', type: timestamp, isNullable: true },
        ],
        foreignKeys: [references('user_id', 'users', 'CASCADE')],
        indices: [
          new TableIndex({ name: 'idx_auth_sessions_expiry', columnNames: ['expires_at'] }),
        ],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      // Unlogged: counters are worth nothing after a crash, and skipping the WAL keeps them cheap.
      await queryRunner.query(
        'CREATE UNLOGGED TABLE rate_limits ' +
          '(key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TABLE rate_limits');
    }
    await queryRunner.dropTable('auth_sessions');
  }
}
