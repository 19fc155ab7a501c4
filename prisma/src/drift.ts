import { diffToSchema, withScratchDatabase } from './migrate-diff.ts';
import type { Service } from './services.ts';

export type { Service } from './services.ts';

/**
 * The SQL that a database with every committed migration of `service` applied still needs to match
 * `prisma/<service>/schema.prisma`; '' when the migrations and the schema agree. A non-empty answer
 * means the schema was edited without `npm run migration:new`.
 *
 * `databaseUrl` only names the PostgreSQL server and a role with CREATEDB: the committed migrations
 * are replayed into a scratch database created next to it and dropped afterwards; the database in
 * the URL itself is neither read nor changed (it may be empty or fully migrated).
 *
 * Tolerated by construction (Prisma does not model them, so they never appear as drift): the
 * hand-written parts of the migrations — CHECK constraints, partial unique indexes, triggers and
 * functions (see prisma/README.md).
 */
export async function diffMigrationsAgainstSchema(service: Service, options: { databaseUrl: string }): Promise<string> {
  return withScratchDatabase(options.databaseUrl, (scratchUrl) =>
    diffToSchema(service, { kind: 'migrations' }, scratchUrl),
  );
}
