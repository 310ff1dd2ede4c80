// Entry point for the TypeORM CLI (npm run migration:*). The app itself uses TypeOrmModule.
import '../config/load-dotenv';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';

export default new DataSource({
  ...buildDataSourceOptions(databaseConfig()),
  entities: ENTITIES,
});
