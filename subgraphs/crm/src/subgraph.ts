import { readTypeDefs, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createCrmContext, type CrmContext } from './context.ts';
import { createCrmDatabase, type CrmDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCrmDemo } from './seed.ts';

export const crmSubgraph: SubgraphModule<CrmDatabase, CrmContext> = {
  service: 'crm',
  version: packageJson.version,
  migrationsDir: new URL('../../../prisma/crm/migrations', import.meta.url).pathname,
  createDatabase: createCrmDatabase,
  seedDemo: seedCrmDemo,
  define: (db) => ({
    typeDefs: readTypeDefs(new URL('../../../schema/crm.graphql', import.meta.url)),
    resolvers,
    permissions,
    createContext: (base) => createCrmContext(base, db),
  }),
};
