import { createAnalyticsDatabase } from '@codex/subgraph-analytics';
import { createAuthDatabase } from '@codex/subgraph-auth';
import { createBillingDatabase } from '@codex/subgraph-billing';
import { createCmsDatabase } from '@codex/subgraph-cms';
import { createCrmDatabase } from '@codex/subgraph-crm';
import { inject } from 'vitest';

/** Prisma clients on the test platform's five databases, for arranging data and checking figures. */
export function connectDatabases() {
  const urls = inject('databaseUrls');
  const databases = {
    auth: createAuthDatabase(urls.auth),
    crm: createCrmDatabase(urls.crm),
    cms: createCmsDatabase(urls.cms),
    billing: createBillingDatabase(urls.billing),
    analytics: createAnalyticsDatabase(urls.analytics),
  };
  const disconnect = () => Promise.all(Object.values(databases).map((db) => db.$disconnect()));
  return { ...databases, disconnect };
}
export type Databases = ReturnType<typeof connectDatabases>;
