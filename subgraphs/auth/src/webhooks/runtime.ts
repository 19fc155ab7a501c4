import type { SubgraphConfig, WebhookConfig } from '@codex/kit';
import type { JobQueue } from '@codex/kit/job-queue';
import { decryptSecret } from '../key-encryption.ts';
import type { AuthSettings } from '../settings.ts';
import type { WebhookDeliveryTask } from './delivery-task.ts';

/** The webhook settings and the key of the endpoints' signing secrets at rest. */
export interface WebhookKeys {
  settings: WebhookConfig;
  /** AES-256 key derived from AUTH_KEY_ENCRYPTION_SECRET. */
  secretKey: Buffer;
}

/** What webhook domain functions need beyond a request: besides the keys, the queue and the task to enqueue. */
export interface WebhookRuntime extends WebhookKeys {
  jobs: JobQueue;
  task: WebhookDeliveryTask;
}

export function webhookKeys(config: SubgraphConfig, settings: AuthSettings): WebhookKeys {
  if (!config.webhooks) throw new Error('webhook settings are read for the auth subgraph only');
  return { settings: config.webhooks, secretKey: settings.webhookSecretKey };
}

/** The secrets a delivery is signed with: the current one, and the previous one within its 24 h after a rotation. */
export function signingSecrets(
  key: Buffer,
  endpoint: { secretEncrypted: string; previousSecretEncrypted: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const current = decryptSecret(key, endpoint.secretEncrypted);
  const previousValid =
    endpoint.previousSecretEncrypted && (endpoint.previousSecretExpiresAt?.getTime() ?? 0) > now.getTime();
  return previousValid && endpoint.previousSecretEncrypted
    ? [current, decryptSecret(key, endpoint.previousSecretEncrypted)]
    : [current];
}
