import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/database/entities';

/** A throw-away in-memory SQLite database with every table: the one place synchronize is fine. */
export function inMemoryDatabase(): Promise<DataSource> {
  return new DataSource({
    type: 'sqlite',
    database: ':memory:',
    entities: ENTITIES,
    synchronize: true,
  }).initialize();
}
