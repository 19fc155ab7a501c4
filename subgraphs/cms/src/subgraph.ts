import { defineSubgraph } from '@codex/kit';
import { createCmsContext, type CmsContext } from './context.ts';
import { createCmsDatabase, type CmsDatabase } from './db.ts';
import { localMediaStorage } from './media-storage.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCmsDemo } from './seed.ts';
import { loadCmsSettings } from './settings.ts';

/** The CMS subgraph; its media bytes live on the local disk under the settings' `mediaDir`. */
export const cmsSubgraph = defineSubgraph<CmsDatabase, CmsContext>({
  service: 'cms',
  createDatabase: createCmsDatabase,
  seedDemo: (db) => seedCmsDemo(db),
  resolvers,
  permissions,
  define: (db) => {
    const storage = localMediaStorage(loadCmsSettings().mediaDir);
    return { createContext: (base) => createCmsContext(base, db, { storage }) };
  },
});
