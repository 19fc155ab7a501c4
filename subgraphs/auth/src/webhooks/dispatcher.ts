import { allTenants, createLogger, withScope, type Logger, type SubgraphConfig, type SubgraphName } from '@codex/kit';
import { followDomainEvents, type DomainEvent, type DomainEventSource } from '@codex/kit/domain-events';
import { scopeAuthDatabase, type AuthDatabase } from '../db.ts';
import { enqueueDelivery } from './deliveries.ts';
import { wantsEventType } from './event-types.ts';
import type { WebhookRuntime } from './runtime.ts';

export interface DispatcherOptions {
  db: AuthDatabase;
  runtime: WebhookRuntime;
  sources: DomainEventSource[];
  /** GATEWAY_SECRET: the event streams answer the platform's own services only. */
  secret: string;
  logger: Logger;
}

const upsertCursorSql = `
  INSERT INTO "webhook_event_cursors" ("service", "last_seq", "updated_at") VALUES ($1, $2::bigint, now())
  ON CONFLICT ("service") DO UPDATE
  SET "last_seq" = GREATEST("webhook_event_cursors"."last_seq", EXCLUDED."last_seq"), "updated_at" = now()`;

/**
 * Follows every source's domain events from the cursor stored in Auth's database and, per event,
 * in one transaction: one delivery (and its job) per active endpoint of the event's tenant that
 * wants its type and existed when it happened, and the cursor moved past it. A redelivered event
 * adds nothing (unique delivery, job key), so several replicas may each run one. With no cursor
 * yet, a source is followed from now.
 */
export function startWebhookDispatcher(options: DispatcherOptions): { stop(): Promise<void> } {
  const system = scopeAuthDatabase(options.db, allTenants);
  const logger = options.logger.child({ component: 'webhook-dispatcher' });
  const following = (async () => {
    const rows = await system.webhookEventCursor.findMany();
    const cursors = new Map(rows.map((row) => [row.service, row.lastSeq.toString()]));
    return followDomainEvents({
      sources: options.sources,
      secret: options.secret,
      after: (service) => cursors.get(service) ?? null,
      onEvent: async (event) => {
        await dispatchEvent(system, options.runtime, event);
        cursors.set(event.service, event.seq);
      },
      logger,
    });
  })();
  following.catch((error: unknown) => logger.error({ err: error }, 'webhook dispatcher did not start'));
  return {
    stop: async () => {
      const handle = await following.catch(() => null);
      await handle?.stop();
    },
  };
}

export async function dispatchEvent(system: AuthDatabase, runtime: WebhookRuntime, event: DomainEvent) {
  await withScope(system, allTenants, async (tx) => {
    const { tenantId } = event;
    const endpoints = tenantId
      ? await tx.webhookEndpoint.findMany({
          where: { tenantId, status: 'ACTIVE', createdAt: { lte: new Date(event.occurredAt) } },
          select: { id: true, tenantId: true, eventTypes: true },
        })
      : [];
    for (const endpoint of endpoints.filter((candidate) => wantsEventType(candidate.eventTypes, event.type)))
      await enqueueDelivery(tx, runtime, endpoint, event);
    await tx.$executeRawUnsafe(upsertCursorSql, event.service, event.seq);
  });
}

/**
 * Auth's dispatcher over all five services: Auth's own events from its own port, the others' from
 * their configured URLs (a service without one is not followed, and said so once at start).
 */
export function startAuthWebhookDispatcher(db: AuthDatabase, config: SubgraphConfig, runtime: WebhookRuntime) {
  const logger = createLogger({ service: 'auth', level: config.logLevel, pretty: config.logFormat === 'pretty' });
  const others = Object.entries(runtime.settings.subgraphUrls) as [SubgraphName, string | null][];
  const missing = others.filter(([, url]) => !url).map(([service]) => service);
  if (missing.length > 0) logger.warn({ missing }, 'webhooks: no subgraph URL, their domain events are not followed');
  const sources = [
    { service: 'auth' as const, url: `http://127.0.0.1:${config.port}` },
    ...others.flatMap(([service, url]) => (url ? [{ service, url }] : [])),
  ];
  return startWebhookDispatcher({ db, runtime, sources, secret: config.gatewaySecret, logger });
}
