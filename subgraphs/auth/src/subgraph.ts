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
import { webhookDeliveryTask } from './webhooks/delivery-task.ts';
import { startAuthWebhookDispatcher } from './webhooks/dispatcher.ts';
import { webhookKeys } from './webhooks/runtime.ts';

export const authSubgraph = defineSubgraph<AuthDatabase, AuthContext>({
  service: 'auth',
  createDatabase: createAuthDatabase,
  seedDemo: seedAuthDemo,
  resolvers,
  permissions,
  tasks: (db, config) => {
    const settings = loadAuthSettings(config);
    return [
      pruneStaleRowsTask(db, settings),
      webhookDeliveryTask(db, webhookKeys(config, settings)),
      sendMailTask(db, config.mail),
    ];
  },
  define: (db, config, jobs) => {
    // Settings, signing keys and the all-tenants client serve both the resolvers and the extra routes.
    const services = createAuthServices(db, config, jobs);
    const dispatcher = config.jobs.worker ? startAuthWebhookDispatcher(db, config, services.webhooks) : null;
    return {
      routes: authRoutes(services),
      createContext: (base) => createAuthContext(base, db, services),
      stop: async () => dispatcher?.stop(),
    };
  },
});
