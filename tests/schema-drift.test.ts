import { subgraphNames } from '@codex/kit';
import { readFile } from 'node:fs/promises';
import { readColumnLimits } from '@codex/prisma/column-limits';
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

  it.each(subgraphNames)(
    'the generated column limits of %s cover every VarChar and Decimal column',
    async (service) => {
      const schema = await readFile(new URL(`../prisma/${service}/schema.prisma`, import.meta.url), 'utf8');
      const { varChar, decimal } = readColumnLimits(schema);
      const count = (table: Record<string, object>) => Object.values(table).flatMap(Object.keys).length;
      expect(count(varChar)).toBe(schema.match(/@db\.VarChar\(/g)?.length ?? 0);
      expect(count(decimal)).toBe(schema.match(/@db\.Decimal\(/g)?.length ?? 0);
    },
  );
});
