import { allTenants, type SubgraphConfig } from '@codex/kit';
import type { JobQueue } from '@codex/kit/job-queue';
import { scopeAuthDatabase, type AuthDatabase } from './db.ts';
import { createMailOutbox, sendMailTask } from './mail-outbox.ts';
import { loadAuthSettings } from './settings.ts';
import { createSigningKeys } from './signing-keys.ts';
import { webhookDeliveryTask } from './webhooks/delivery-task.ts';
import { webhookKeys, type WebhookRuntime } from './webhooks/runtime.ts';

/**
 * What Auth's resolvers and routes share beyond the request context: settings, the signing keys,
 * the all-tenants client for work that runs before a tenant is known (login, refresh, reset and
 * client-credential tokens, key verification, revocations), the mail outbox, and what webhooks enqueue with.
 */
export function createAuthServices(db: AuthDatabase, config: SubgraphConfig, jobs: JobQueue) {
  const settings = loadAuthSettings(config);
  const system = scopeAuthDatabase(db, allTenants);
  const keys = webhookKeys(config, settings);
  // The queue runs its own instance of the task (subgraph.ts `tasks`); this one names it when enqueueing.
  const webhooks: WebhookRuntime = { ...keys, jobs, task: webhookDeliveryTask(db, keys) };
  const mail = createMailOutbox(jobs, sendMailTask(db, config.mail), config.mail);
  return {
    settings,
    system,
    keys: createSigningKeys(system, settings),
    webhooks,
    mail,
    mailCatcherUrl: config.mail.catcherUrl,
  };
}
export type AuthServices = ReturnType<typeof createAuthServices>;
