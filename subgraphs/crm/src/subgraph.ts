import { defineSubgraph, peerSubgraphClient } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createCrmContext, type CrmContext } from './context.ts';
import { createCrmDatabase, type CrmDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCrmDemo } from './seed.ts';

export const crmSubgraph = defineSubgraph<CrmDatabase, CrmContext>({
  service: 'crm',
  version: packageJson.version,
  createDatabase: createCrmDatabase,
  seedDemo: seedCrmDemo,
  define: (db, config) => {
    const auth = peerSubgraphClient(config, 'auth');
    return {
      resolvers,
      permissions,
      createContext: (base) => createCrmContext(base, db, auth),
    };
  },
});
