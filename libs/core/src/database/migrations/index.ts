import { Foundation1795200000000 } from './1795200000000-foundation';

/** Every migration, oldest first. A new migration is added here as well as in its file. */
export const MIGRATIONS = [Foundation1795200000000];
