import { Init1732350000000 } from './1732350000000-init';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [Init1732350000000];
