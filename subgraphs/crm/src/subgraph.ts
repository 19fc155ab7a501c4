import { defineSubgraph, peerSubgraphClient } from '@codex/kit';
import { createCrmContext, type CrmContext } from './context.ts';
import { createCrmDatabase, type CrmDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCrmDemo } from './seed.ts';

export const crmSubgraph = defineSubgraph<CrmDatabase, CrmContext>({
  service: 'crm',
  createDatabase: createCrmDatabase,
  seedDemo: seedCrmDemo,
  resolvers,
  permissions,
  define: (db, config) => {
    const auth = peerSubgraphClient(config, 'auth');
    return { createContext: (base) => createCrmContext(base, db, auth) };
  },
});
