import { allTenants, type SubgraphName } from '@codex/kit';
import { createAnalyticsDatabase, scopeAnalyticsDatabase } from '@codex/subgraph-analytics';
import { createAuthDatabase, scopeAuthDatabase } from '@codex/subgraph-auth';
import { createBillingDatabase, scopeBillingDatabase } from '@codex/subgraph-billing';
import { createCmsDatabase, scopeCmsDatabase } from '@codex/subgraph-cms';
import { createCrmDatabase, scopeCrmDatabase } from '@codex/subgraph-crm';

/**
 * Prisma clients on five databases, connected as the services' role and crossing tenants
 * explicitly (allTenants), as a SUPERADMIN would: for arranging data and checking figures in tests
 * and benchmarks. Arranging is not a request: its transactions wait for a connection and run as
 * long as a loaded CI machine needs (a request's 2 s wait failed a seeding test at load 27).
 */
export function connectDatabasesAt(urls: Record<SubgraphName, string>) {
  const pool = { transactions: { maxWait: 30_000, timeout: 60_000 } };
  const databases = {
    auth: scopeAuthDatabase(createAuthDatabase(urls.auth, pool), allTenants),
    crm: scopeCrmDatabase(createCrmDatabase(urls.crm, pool), allTenants),
    cms: scopeCmsDatabase(createCmsDatabase(urls.cms, pool), allTenants),
    billing: scopeBillingDatabase(createBillingDatabase(urls.billing, pool), allTenants),
    analytics: scopeAnalyticsDatabase(createAnalyticsDatabase(urls.analytics, pool), allTenants),
  };
  const disconnect = () => Promise.all(Object.values(databases).map((db) => db.$disconnect()));
  return { ...databases, disconnect };
}
export type Databases = ReturnType<typeof connectDatabasesAt>;
