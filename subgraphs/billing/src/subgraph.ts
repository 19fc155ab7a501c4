import { defineSubgraph, peerSubgraphClient } from '@codex/kit';
import { billingClockTask } from './clock/task.ts';
import { createBillingContext, type BillingContext } from './context.ts';
import { createBillingDatabase, type BillingDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedBillingDemo } from './seed.ts';

export const billingSubgraph = defineSubgraph<BillingDatabase, BillingContext>({
  service: 'billing',
  createDatabase: createBillingDatabase,
  seedDemo: seedBillingDemo,
  resolvers,
  permissions,
  tasks: (db, config) => [billingClockTask(db, config.billingClockCron)],
  define: (db, config, _jobs, clock) => {
    const crm = peerSubgraphClient(config, 'crm');
    return { createContext: (base) => createBillingContext(base, db, crm, clock) };
  },
});
