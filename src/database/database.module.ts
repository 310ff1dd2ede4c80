import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseConfig, type DatabaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrations } from './run-migrations';
import { Dialect, dialectOf } from './dialect';
import { RateLimiterFactory } from './rate-limiter.factory';
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
        return { ...buildDataSourceOptions(db), autoLoadEntities: true };
      },
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [
    { provide: Dialect, useFactory: dialectOf, inject: [DataSource] },
    TransactionRunner,
    RateLimiterFactory,
  ],
  exports: [Dialect, TransactionRunner, RateLimiterFactory],
})
export class DatabaseModule {}
