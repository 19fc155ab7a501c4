import { randomUUID } from 'node:crypto';
import { auditRow, findById, loadTenantPage, requireIdentity, withScope, type PageArgs } from '@codex/kit';
import type { WebhookDelivery, WebhookEndpoint } from '../db.ts';
import type { AuthRequest, AuthTx } from '../request.ts';
import type { WebhookRuntime } from './runtime.ts';

/** What a delivery sends: one event, whatever service it came from. */
export interface WebhookEvent {
  id: string;
  type: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** The JSON body of every attempt: `{ type, timestamp, data }` (Standard Webhooks' payload shape). */
export const deliveryBody = (event: WebhookEvent) =>
  JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.payload });

/**
 * The delivery of `event` to `endpoint` and its job, through `tx`: both commit with the caller's
 * transaction. A second call for the same event and endpoint adds nothing (unique row, job key).
 */
export async function enqueueDelivery(
  tx: AuthTx,
  runtime: WebhookRuntime,
  endpoint: Pick<WebhookEndpoint, 'id' | 'tenantId'>,
  event: WebhookEvent,
): Promise<WebhookDelivery> {
  const delivery = await tx.webhookDelivery.upsert({
    where: { endpointId_eventId: { endpointId: endpoint.id, eventId: event.id } },
    create: {
      tenantId: endpoint.tenantId,
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      body: deliveryBody(event),
    },
    update: {},
  });
  await runtime.jobs.enqueue(tx, runtime.task, { deliveryId: delivery.id }, { jobKey: `${event.id}:${endpoint.id}` });
  return delivery;
}

/** The delivery log of one endpoint in the caller's scope (NOT_FOUND otherwise), oldest first. */
export async function listWebhookDeliveries(request: AuthRequest, args: PageArgs & { endpointId: string }) {
  requireIdentity(request.identity);
  const endpoint = await findById(request.db.webhookEndpoint, args.endpointId, 'Webhook endpoint');
  return loadTenantPage(request, args, request.db.webhookDelivery, { endpointId: endpoint.id });
}

/** Sends a delivery again (same body, same `webhook-id`) as a new job; its attempts join the same log. */
export function replayWebhookDelivery(
  request: AuthRequest,
  runtime: WebhookRuntime,
  id: string,
): Promise<WebhookDelivery> {
  requireIdentity(request.identity);
  return withScope(request.db, request.dataScope, async (tx) => {
    const delivery = await findById(tx.webhookDelivery, id, 'Webhook delivery');
    const replayed = await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'PENDING' } });
    await runtime.jobs.enqueue(tx, runtime.task, { deliveryId: delivery.id }, { jobKey: `replay:${randomUUID()}` });
    await auditRowOfDelivery(tx, request, 'webhook_delivery.replay', replayed);
    return replayed;
  });
}

/** A `webhook.test` event to one endpoint, whatever its event types or status says. */
export function sendTestWebhookEvent(
  request: AuthRequest,
  runtime: WebhookRuntime,
  endpointId: string,
): Promise<WebhookDelivery> {
  requireIdentity(request.identity);
  return withScope(request.db, request.dataScope, async (tx) => {
    const endpoint = await findById(tx.webhookEndpoint, endpointId, 'Webhook endpoint');
    const event = {
      id: randomUUID(),
      type: 'webhook.test',
      occurredAt: new Date().toISOString(),
      payload: { endpointId: endpoint.id, message: 'A test event sent from Codex Metatron' },
    };
    const delivery = await enqueueDelivery(tx, runtime, endpoint, event);
    await auditRowOfDelivery(tx, request, 'webhook_delivery.test', delivery);
    return delivery;
  });
}

const auditRowOfDelivery = (tx: AuthTx, request: AuthRequest, action: string, delivery: WebhookDelivery) =>
  auditRow(tx, request, action, 'WebhookDelivery', delivery, {
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
  });

/** The attempts of each delivery, oldest first, the latest 100 of each: one query per batch. */
export async function attemptsOfDeliveries(db: AuthRequest['db'], deliveryIds: readonly string[]) {
  const rows = await db.webhookDeliveryAttempt.findMany({
    where: { deliveryId: { in: [...deliveryIds] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const grouped = new Map<string, typeof rows>(deliveryIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(row.deliveryId)?.push(row);
  return new Map([...grouped].map(([id, attempts]) => [id, attempts.slice(-100)]));
}
