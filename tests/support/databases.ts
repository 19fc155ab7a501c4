import { inject } from 'vitest';
import { connectDatabasesAt } from './database-clients.ts';

export type { Databases } from './database-clients.ts';

/** Prisma clients on the test platform's five databases (see connectDatabasesAt). */
export const connectDatabases = () => connectDatabasesAt(inject('databaseUrls'));
