import { allTenants, withScope, type Logger, type SubgraphName } from '@codex/kit';
import { scopeAuthDatabase, type AuthDatabase } from '../db.ts';
import { enqueueDelivery } from './deliveries.ts';
import { wantsEventType } from './event-types.ts';
import type { WebhookRuntime } from './runtime.ts';

/** A domain event as `followDomainEvents` hands it over (docs: the events contract, issue 14). */
export interface FollowedEvent {
  id: string;
  seq: string;
  service: SubgraphName;
  type: string;
  tenantId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** `followDomainEvents` of @codex/kit/domain-events, passed in so the dispatcher does not fix its transport. */
export type FollowEvents = (options: {
  sources: { service: SubgraphName; url: string }[];
  secret: string;
  after: (service: SubgraphName) => string | null;
  onEvent: (event: FollowedEvent) => Promise<void>;
  logger: Logger;
}) => { stop(): Promise<void> };

export interface DispatcherOptions {
  db: AuthDatabase;
  runtime: WebhookRuntime;
  follow: FollowEvents;
  sources: { service: SubgraphName; url: string }[];
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
    return options.follow({
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

export async function dispatchEvent(system: AuthDatabase, runtime: WebhookRuntime, event: FollowedEvent) {
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
