import { join } from 'node:path';

/**
 * Every entity, for the TypeORM CLI and the schema test (the app registers them per feature
 * module). A pattern, not imports: the database folder knows no feature.
 */
export const ENTITIES = [join(__dirname, '..', '**', '*.entity.{ts,js}')];
