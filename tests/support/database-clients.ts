import { allTenants, type SubgraphName } from '@codex/kit';
import { createAnalyticsDatabase, scopeAnalyticsDatabase } from '@codex/subgraph-analytics';
import { createAuthDatabase, scopeAuthDatabase } from '@codex/subgraph-auth';
import { createBillingDatabase, scopeBillingDatabase } from '@codex/subgraph-billing';
import { createCmsDatabase, scopeCmsDatabase } from '@codex/subgraph-cms';
import { createCrmDatabase, scopeCrmDatabase } from '@codex/subgraph-crm';

/**
 * Prisma clients on five databases, connected as the services' role and crossing tenants
 * explicitly (allTenants), as a SUPERADMIN would: for arranging data and checking figures in tests
 * and benchmarks.
 */
export function connectDatabasesAt(urls: Record<SubgraphName, string>) {
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
export type Databases = ReturnType<typeof connectDatabasesAt>;
