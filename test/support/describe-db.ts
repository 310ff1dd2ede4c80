import { usingPostgres } from './postgres';

/** Specs that only mean something against PostgreSQL run in `npm run test:pg` and skip otherwise. */
export const describePostgres: jest.Describe = usingPostgres() ? describe : describe.skip;
