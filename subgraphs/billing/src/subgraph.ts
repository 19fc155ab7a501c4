import { readTypeDefs, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createBillingContext, type BillingContext } from './context.ts';
import { createBillingDatabase, type BillingDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedBillingDemo } from './seed.ts';

export const billingSubgraph: SubgraphModule<BillingDatabase, BillingContext> = {
  service: 'billing',
  version: packageJson.version,
  migrationsDir: new URL('../../../prisma/billing/migrations', import.meta.url).pathname,
  createDatabase: createBillingDatabase,
  seedDemo: seedBillingDemo,
  define: (db) => ({
    typeDefs: readTypeDefs(new URL('../../../schema/billing.graphql', import.meta.url)),
    resolvers,
    permissions,
    createContext: (base) => createBillingContext(base, db),
  }),
};
