import { createSubgraphClient, gatewayKey, readTypeDefs, type SubgraphConfig, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createBillingContext, type BillingContext } from './context.ts';
import { createBillingDatabase, type BillingDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedBillingDemo } from './seed.ts';

/** CRM_SUBGRAPH_URL is required for billing (the config refuses to start without it). */
function crmClient(config: SubgraphConfig) {
  if (!config.crmSubgraphUrl) throw new Error('CRM_SUBGRAPH_URL is required for the billing subgraph');
  return createSubgraphClient({
    service: 'crm',
    url: config.crmSubgraphUrl,
    gatewayKey: gatewayKey(config.gatewaySecret),
  });
}

export const billingSubgraph: SubgraphModule<BillingDatabase, BillingContext> = {
  service: 'billing',
  version: packageJson.version,
  migrationsDir: new URL('../../../prisma/billing/migrations', import.meta.url).pathname,
  createDatabase: createBillingDatabase,
  seedDemo: seedBillingDemo,
  define: (db, config) => {
    const crm = crmClient(config);
    return {
      typeDefs: readTypeDefs(new URL('../../../schema/billing.graphql', import.meta.url)),
      resolvers,
      permissions,
      createContext: (base) => createBillingContext(base, db, crm),
    };
  },
};
