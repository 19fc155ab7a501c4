import { defineSubgraph, peerSubgraphClient } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createBillingContext, type BillingContext } from './context.ts';
import { createBillingDatabase, type BillingDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedBillingDemo } from './seed.ts';

export const billingSubgraph = defineSubgraph<BillingDatabase, BillingContext>({
  service: 'billing',
  version: packageJson.version,
  createDatabase: createBillingDatabase,
  seedDemo: seedBillingDemo,
  define: (db, config) => {
    const crm = peerSubgraphClient(config, 'crm');
    return {
      resolvers,
      permissions,
      createContext: (base) => createBillingContext(base, db, crm),
    };
  },
});
