import { readTypeDefs, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import type { CmsSettings } from './config.ts';
import { createCmsContext, type CmsContext } from './context.ts';
import { createCmsDatabase, type CmsDatabase } from './db.ts';
import { localMediaStorage } from './media-storage.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCmsDemo } from './seed.ts';

/** The CMS subgraph with its media bytes on the local disk under `settings.mediaDir`. */
export function createCmsSubgraph(settings: CmsSettings): SubgraphModule<CmsDatabase, CmsContext> {
  const storage = localMediaStorage(settings.mediaDir);
  return {
    service: 'cms',
    version: packageJson.version,
    migrationsDir: new URL('../../../prisma/cms/migrations', import.meta.url).pathname,
    createDatabase: createCmsDatabase,
    seedDemo: (db) => seedCmsDemo(db, storage),
    define: (db) => ({
      typeDefs: readTypeDefs(new URL('../../../schema/cms.graphql', import.meta.url)),
      resolvers,
      permissions,
      createContext: (base) => createCmsContext(base, db, storage),
    }),
  };
}
