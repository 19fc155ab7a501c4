import { subgraphNames } from '@codex/kit';
import { diffMigrationsAgainstSchema } from '@codex/prisma/drift';
import { describe, expect, inject, it } from 'vitest';

describe('Prisma schemas and committed migrations', () => {
  it.each(subgraphNames)(
    'the %s migrations produce exactly the database its schema.prisma describes (else run `npm run migration:new`)',
    async (service) => {
      const missing = await diffMigrationsAgainstSchema(service, { databaseUrl: inject('adminDatabaseUrl') });
      expect(missing, `prisma/${service}/schema.prisma changed without a migration`).toBe('');
    },
    60_000,
  );
});
