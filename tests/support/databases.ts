import { allTenants } from '@codex/kit';
import { createAnalyticsDatabase, scopeAnalyticsDatabase } from '@codex/subgraph-analytics';
import { createAuthDatabase, scopeAuthDatabase } from '@codex/subgraph-auth';
import { createBillingDatabase, scopeBillingDatabase } from '@codex/subgraph-billing';
import { createCmsDatabase, scopeCmsDatabase } from '@codex/subgraph-cms';
import { createCrmDatabase, scopeCrmDatabase } from '@codex/subgraph-crm';
import { inject } from 'vitest';

/**
 * Prisma clients on the test platform's five databases, for arranging data and checking figures.
 * They connect as the services' role and cross tenants explicitly (allTenants), as a SUPERADMIN would.
 */
export function connectDatabases() {
  const urls = inject('databaseUrls');
  const databases = {
    auth: scopeAuthDatabase(createAuthDatabase(urls.auth), allTenants),
    crm: scopeCrmDatabase(createCrmDatabase(urls.crm), allTenants),
    cms: scopeCmsDatabase(createCmsDatabase(urls.cms), allTenants),
    billing: scopeBillingDatabase(createBillingDatabase(urls.billing), allTenants),
    analytics: scopeAnalyticsDatabase(createAnalyticsDatabase(urls.analytics), allTenants),
  };
  const disconnect = () => Promise.all(Object.values(databases).map((db) => db.$disconnect()));
  return { ...databases, disconnect };
}
export type Databases = ReturnType<typeof connectDatabases>;
