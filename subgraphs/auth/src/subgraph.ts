import { defineSubgraph } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createAuthContext, type AuthContext } from './context.ts';
import { createAuthDatabase, type AuthDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { pruneStaleRowsTask } from './prune.ts';
import { resolvers } from './resolvers/index.ts';
import { authRoutes } from './routes.ts';
import { seedAuthDemo } from './seed.ts';
import { createAuthServices } from './services.ts';
import { loadAuthSettings } from './settings.ts';

export const authSubgraph = defineSubgraph<AuthDatabase, AuthContext>({
  service: 'auth',
  version: packageJson.version,
  createDatabase: createAuthDatabase,
  seedDemo: seedAuthDemo,
  tasks: (db, config) => [pruneStaleRowsTask(db, loadAuthSettings(config))],
  define: (db, config) => {
    const services = createAuthServices(db, config);
    return {
      resolvers,
      permissions,
      routes: authRoutes(services),
      createContext: (base) => createAuthContext(base, db, services),
    };
  },
});
