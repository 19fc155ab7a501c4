import { allTenants, recordAudit, withScope, type Logger } from '@codex/kit';
import { defineTask, type Task } from '@codex/kit/job-queue';
import { z } from 'zod';
import type { AuthTx } from '../request.ts';
import { scopeAuthDatabase, type AuthDatabase, type WebhookDelivery, type WebhookEndpoint } from '../db.ts';
import { resolveReceiver } from './receiver-address.ts';
import { signingSecrets, type WebhookKeys } from './runtime.ts';
import { postWebhook, succeeded, type SendOutcome } from './send.ts';
import { signWebhook } from './signature.ts';
import { endpointSlots } from './endpoint-slots.ts';

const payload = z.object({ deliveryId: z.uuid() });
export type WebhookDeliveryTask = Task<typeof payload>;

/**
 * `auth.webhook-delivery`: one attempt per run, retried by the queue with exponential backoff
 * (WEBHOOKS_RETRY_DELAY_SECONDS doubling, WEBHOOKS_MAX_ATTEMPTS runs: about 24 h by default). The
 * run's timeout covers the POST's with room for the bookkeeping.
 */
export function webhookDeliveryTask(db: AuthDatabase, runtime: WebhookKeys): WebhookDeliveryTask {
  const system = scopeAuthDatabase(db, allTenants);
  const { settings } = runtime;
  const slots = endpointSlots(settings.endpointConcurrency);
  return defineTask({
    name: 'auth.webhook-delivery',
    payload,
    maxAttempts: settings.maxAttempts,
    retryDelaySeconds: settings.retryDelaySeconds,
    timeoutSeconds: Math.ceil(settings.timeoutMs / 1000) + 30,
    concurrency: settings.concurrency,
    run: async ({ deliveryId }, { now, attempt, logger }) => {
      const delivery = await system.webhookDelivery.findUnique({
        where: { id: deliveryId },
        include: { endpoint: true },
      });
      if (!delivery || delivery.status === 'SUCCEEDED') return;
      if (delivery.endpoint.status !== 'ACTIVE') return void (await cancel(system, delivery));
      if (!(await slots.acquire(delivery.endpointId))) {
        const busy = { statusCode: null, error: 'endpoint busy: too many deliveries in flight', durationMs: 0 };
        return settle(system, runtime, {
          delivery,
          outcome: busy,
          lastAttempt: attempt >= settings.maxAttempts,
          logger,
        });
      }
      try {
        const outcome = await attemptDelivery(runtime, delivery.endpoint, delivery, now);
        await settle(system, runtime, { delivery, outcome, lastAttempt: attempt >= settings.maxAttempts, logger });
      } finally {
        slots.release(delivery.endpointId);
      }
    },
  });
}

/** One signed POST to the address the endpoint's host resolves to now (checked again each time: DNS changes). */
async function attemptDelivery(
  runtime: WebhookKeys,
  endpoint: WebhookEndpoint,
  delivery: WebhookDelivery,
  now: Date,
): Promise<SendOutcome> {
  const url = new URL(endpoint.url);
  const address = await resolveReceiver(url, runtime.settings.allowPrivateNetworks).catch((error: Error) => error);
  if (address instanceof Error) return { statusCode: null, error: address.message, durationMs: 0 };
  const secrets = signingSecrets(runtime.secretKey, endpoint, now);
  const headers = signWebhook(secrets, delivery.eventId, new Date(), delivery.body);
  return postWebhook({
    url,
    address,
    headers: { ...headers },
    body: delivery.body,
    timeoutMs: runtime.settings.timeoutMs,
  });
}

const cancel = (system: AuthDatabase, delivery: WebhookDelivery) =>
  system.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'CANCELLED' } });

interface Settlement {
  delivery: WebhookDelivery;
  outcome: SendOutcome;
  lastAttempt: boolean;
  logger: Logger;
}

/**
 * Logs the attempt and moves the delivery on, in one transaction. A failure throws (the queue
 * retries it); on the last attempt the delivery is FAILED and counts towards disabling the endpoint.
 */
async function settle(system: AuthDatabase, runtime: WebhookKeys, settlement: Settlement) {
  const { delivery, outcome, lastAttempt, logger } = settlement;
  const ok = succeeded(outcome);
  await withScope(system, allTenants, async (tx) => {
    await tx.webhookDeliveryAttempt.create({
      data: { tenantId: delivery.tenantId, deliveryId: delivery.id, ...outcome },
    });
    const status = ok ? 'SUCCEEDED' : lastAttempt ? 'FAILED' : 'PENDING';
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status, attempts: { increment: 1 }, lastAttemptAt: new Date() },
    });
    if (ok)
      await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId }, data: { consecutiveFailures: 0 } });
    else if (lastAttempt) await countFailedDelivery(tx, runtime, delivery, logger);
  });
  if (!ok) throw new Error(`webhook attempt failed: ${outcome.error ?? `HTTP ${outcome.statusCode}`}`);
}

/** One more delivery that failed every attempt; at the limit the endpoint is DISABLED, with an audit row. */
async function countFailedDelivery(tx: AuthTx, runtime: WebhookKeys, delivery: WebhookDelivery, logger: Logger) {
  const endpoint = await tx.webhookEndpoint.update({
    where: { id: delivery.endpointId },
    data: { consecutiveFailures: { increment: 1 } },
  });
  const limit = runtime.settings.disableAfterFailedDeliveries;
  if (endpoint.status !== 'ACTIVE' || endpoint.consecutiveFailures < limit) return;
  const disabledReason = `${endpoint.consecutiveFailures} deliveries in a row failed every attempt`;
  await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: 'DISABLED', disabledReason } });
  await recordAudit(
    tx,
    { identity: null, requestId: `webhook-delivery:${delivery.id}` },
    {
      tenantId: endpoint.tenantId,
      action: 'webhook_endpoint.disable',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      changes: { reason: disabledReason },
    },
  );
  logger.warn(
    { event: 'webhook_endpoint.disabled', endpointId: endpoint.id, tenantId: endpoint.tenantId },
    'webhook_endpoint.disabled',
  );
}
