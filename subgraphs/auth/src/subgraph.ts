import { defineSubgraph } from '@codex/kit';
import { createAuthContext, type AuthContext } from './context.ts';
import { createAuthDatabase, type AuthDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { sendMailTask } from './mail-outbox.ts';
import { pruneStaleRowsTask } from './prune.ts';
import { resolvers } from './resolvers/index.ts';
import { authRoutes } from './routes.ts';
import { seedAuthDemo } from './seed.ts';
import { createAuthServices } from './services.ts';
import { loadAuthSettings } from './settings.ts';

export const authSubgraph = defineSubgraph<AuthDatabase, AuthContext>({
  service: 'auth',
  createDatabase: createAuthDatabase,
  seedDemo: seedAuthDemo,
  resolvers,
  permissions,
  tasks: (db, config) => [pruneStaleRowsTask(db, loadAuthSettings(config)), sendMailTask(db, config.mail)],
  define: (db, config, jobs) => {
    // Settings, signing keys and the all-tenants client serve both the resolvers and the extra routes.
    const services = createAuthServices(db, config, jobs);
    return { routes: authRoutes(services), createContext: (base) => createAuthContext(base, db, services) };
  },
});
