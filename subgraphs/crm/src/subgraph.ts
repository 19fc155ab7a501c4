import { createSubgraphClient, gatewayKey, readTypeDefs, type SubgraphConfig, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createCrmContext, type CrmContext } from './context.ts';
import { createCrmDatabase, type CrmDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCrmDemo } from './seed.ts';

/** AUTH_SUBGRAPH_URL is required for CRM (the config refuses to start without it). */
function authClient(config: SubgraphConfig) {
  if (!config.authSubgraphUrl) throw new Error('AUTH_SUBGRAPH_URL is required for the CRM subgraph');
  return createSubgraphClient({
    service: 'auth',
    url: config.authSubgraphUrl,
    gatewayKey: gatewayKey(config.gatewaySecret),
  });
}

export const crmSubgraph: SubgraphModule<CrmDatabase, CrmContext> = {
  service: 'crm',
  version: packageJson.version,
  migrationsDir: new URL('../../../prisma/crm/migrations', import.meta.url).pathname,
  createDatabase: createCrmDatabase,
  seedDemo: seedCrmDemo,
  define: (db, config) => {
    const auth = authClient(config);
    return {
      typeDefs: readTypeDefs(new URL('../../../schema/crm.graphql', import.meta.url)),
      resolvers,
      permissions,
      createContext: (base) => createCrmContext(base, db, auth),
    };
  },
};
