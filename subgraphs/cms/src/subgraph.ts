import { readTypeDefs, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createCmsContext, type CmsContext } from './context.ts';
import { createCmsDatabase, type CmsDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCmsDemo } from './seed.ts';

export const cmsSubgraph: SubgraphModule<CmsDatabase, CmsContext> = {
  service: 'cms',
  version: packageJson.version,
  migrationsDir: new URL('../../../prisma/cms/migrations', import.meta.url).pathname,
  createDatabase: createCmsDatabase,
  seedDemo: seedCmsDemo,
  define: (db) => ({
    typeDefs: readTypeDefs(new URL('../../../schema/cms.graphql', import.meta.url)),
    resolvers,
    permissions,
    createContext: (base) => createCmsContext(base, db),
  }),
};
