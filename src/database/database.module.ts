import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseConfig, type DatabaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { connectionFailure, describeDatabase } from './connection-failure';
import { runMigrations } from './run-migrations';
import { Dialect, dialectOf } from './dialect';
import { RateLimiterFactory } from './rate-limiter.factory';
import { ReadDatabase } from './read-database';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (db: DatabaseConfig) => {
        if (db.type === 'sqlite' && db.path !== ':memory:') {
          mkdirSync(dirname(db.path), { recursive: true });
        }
        // No retry loop: a database that cannot be reached at start-up is a configuration
        // problem; the process says which (one line) and exits, and its supervisor restarts it.
        return { ...buildDataSourceOptions(db), autoLoadEntities: true, toRetry: () => false };
      },
      dataSourceFactory: async (options) => {
        const db = databaseConfig();
        const dataSource = new DataSource(options!);
        await dataSource.initialize().catch((error: unknown) => {
          throw connectionFailure(error, db);
        });
        await dialectOf(dataSource).prepareConnection(dataSource);
        const applied = await runMigrations(dataSource);
        new Logger('Database').log(
          `${describeDatabase(db)}: ` +
            (applied.length
              ? `applied ${applied.length} migration(s): ${applied.join(', ')}`
              : 'schema up to date'),
        );
        return dataSource;
      },
    }),
  ],
  providers: [
    { provide: Dialect, useFactory: dialectOf, inject: [DataSource] },
    TransactionRunner,
    RateLimiterFactory,
    {
      provide: ReadDatabase,
      useFactory: (main: DataSource) => ReadDatabase.open(main),
      inject: [DataSource],
    },
  ],
  exports: [Dialect, TransactionRunner, RateLimiterFactory, ReadDatabase],
})
export class DatabaseModule {}
