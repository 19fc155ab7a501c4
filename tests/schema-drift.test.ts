import { subgraphNames } from '@codex/kit';
import { readFile } from 'node:fs/promises';
import { diffMigrationsAgainstSchema } from '@codex/prisma/drift';
import { withSharedBlocks } from '@codex/prisma/shared-blocks';
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

  it.each(subgraphNames)(
    'prisma/%s/schema.prisma holds the current prisma/shared blocks (else run `npm run generate --workspace @codex/prisma`)',
    async (service) => {
      const schema = await readFile(new URL(`../prisma/${service}/schema.prisma`, import.meta.url), 'utf8');
      expect(schema, `the AuditLog copy in prisma/${service}/schema.prisma is stale`).toBe(withSharedBlocks(schema));
    },
  );
});
