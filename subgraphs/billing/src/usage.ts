import {
  badInput,
  conflict,
  isUniqueViolation,
  isUuid,
  notFound,
  loadTenantPage,
  parseInput,
  recordAudit,
  recordEvent,
  recordRowEvent,
  requireIdentity,
  type ListArgs,
} from '@codex/kit';
import type { BillableMetric, Subscription, UsageEvent } from './db.ts';
import type { RecordUsageInput, UsageEventFilter } from './generated/graphql.ts';
import { equals, idEquals } from './lists.ts';
import { inTransaction, type BillingRequest, type BillingTx } from './request.ts';
import { measuredValues, usageBatchInput, usageEventInput, type UsageInput } from './usage-input.ts';

export type UsageListArgs = ListArgs<UsageEventFilter>;

export const listUsageEvents = (request: BillingRequest, args: UsageListArgs) => {
  const { from, to } = args.filter ?? {};
  return loadTenantPage(request, args, request.db.usageEvent, {
    AND: [
      idEquals('subscriptionId', args.filter?.subscriptionId),
      equals('metricCode', args.filter?.metric),
      from || to ? { occurredAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {},
    ],
  });
};

interface Lookups {
  subscriptions: (Subscription & { chargedCodes: string[] })[];
  metrics: BillableMetric[];
}

async function lookups(tx: BillingTx, inputs: UsageInput[]): Promise<Lookups> {
  const ids = inputs.flatMap((input) => (input.subscriptionId ? [input.subscriptionId] : []));
  const customers = inputs.flatMap((input) => (input.customerId ? [input.customerId] : []));
  const rows = await tx.subscription.findMany({
    where: {
      OR: [
        { id: { in: ids.filter(isUuid) } },
        { customerId: { in: customers.filter(isUuid) }, status: { not: 'CANCELLED' } },
      ],
    },
    include: { plan: { select: { charges: { select: { billableMetric: { select: { code: true } } } } } } },
  });
  const subscriptions = rows.map(({ plan, ...row }) => ({
    ...row,
    chargedCodes: plan.charges.map((charge) => charge.billableMetric.code),
  }));
  const metrics = await tx.billableMetric.findMany({ where: { code: { in: inputs.map((input) => input.metric) } } });
  return { subscriptions, metrics };
}

/** The subscription an event names, or the customer's one live subscription whose plan charges the metric. */
function targetOf(input: UsageInput, found: Lookups, field: string) {
  if (input.subscriptionId) {
    const subscription = found.subscriptions.find((candidate) => candidate.id === input.subscriptionId);
    if (!subscription) throw notFound('Subscription', `${field}.subscriptionId`);
    return subscription;
  }
  const live = found.subscriptions.filter(
    (candidate) => candidate.customerId === input.customerId && candidate.chargedCodes.includes(input.metric),
  );
  if (live.length !== 1)
    throw badInput(
      live.length === 0
        ? 'The customer has no live subscription whose plan charges this metric'
        : 'The customer has several live subscriptions charging this metric: give subscriptionId',
      `${field}.customerId`,
    );
  return live[0] as Subscription;
}

/** One event's row, checked against its subscription's life and its metric. */
function eventRow(input: UsageInput, found: Lookups, field: string) {
  const subscription = targetOf(input, found, field);
  const metric = found.metrics.find(
    (candidate) => candidate.tenantId === subscription.tenantId && candidate.code === input.metric,
  );
  if (!metric || metric.archivedAt) throw badInput('No active billable metric with this code', `${field}.metric`);
  if (input.occurredAt < subscription.usageBilledThrough)
    throw badInput('must not be before the subscription started or in a period already billed', `${field}.occurredAt`);
  if (subscription.cancelledAt && input.occurredAt >= subscription.cancelledAt)
    throw badInput('must be before the subscription ended', `${field}.occurredAt`);
  const properties = input.properties ?? {};
  return {
    tenantId: subscription.tenantId,
    subscriptionId: subscription.id,
    billableMetricId: metric.id,
    metricCode: metric.code,
    properties: properties as object,
    ...measuredValues(metric, properties, field),
    occurredAt: input.occurredAt,
    idempotencyKey: input.idempotencyKey,
  };
}

/** Events already recorded under the inputs' keys (a retry gets its first event back). */
async function earlierEvents(tx: BillingTx, inputs: UsageInput[]) {
  const rows = await tx.usageEvent.findMany({
    where: { idempotencyKey: { in: inputs.map((input) => input.idempotencyKey) } },
  });
  return (input: UsageInput, field: string) => {
    const same = rows.filter((row) => row.idempotencyKey === input.idempotencyKey);
    const first = same.find((row) => !input.subscriptionId || row.subscriptionId === input.subscriptionId);
    // A key is one event: reused for another subscription, it is refused rather than answered with a stranger.
    if (!first && same.length > 0)
      throw conflict('This idempotency key was used for another subscription', `${field}.idempotencyKey`);
    return first;
  };
}

async function recordIn(
  tx: BillingTx,
  request: BillingRequest,
  inputs: UsageInput[],
  fieldOf: (index: number) => string,
): Promise<UsageEvent[]> {
  const earlier = await earlierEvents(tx, inputs);
  const found = await lookups(tx, inputs);
  const firstIndex = new Map<string, number>();
  const rows = inputs.flatMap((input, index) => {
    if (earlier(input, fieldOf(index)) || firstIndex.has(input.idempotencyKey)) return [];
    firstIndex.set(input.idempotencyKey, index);
    return [eventRow(input, found, fieldOf(index))];
  });
  const created = rows.length > 0 ? await tx.usageEvent.createManyAndReturn({ data: rows }) : [];
  const byKey = new Map(created.map((event) => [event.idempotencyKey, event]));
  const events = inputs.map(
    (input, index) => (earlier(input, fieldOf(index)) ?? byKey.get(input.idempotencyKey)) as UsageEvent,
  );
  if (created.length > 0) await auditCreated(tx, request, created);
  return events;
}

async function auditCreated(tx: BillingTx, request: BillingRequest, created: UsageEvent[]) {
  const [first] = created;
  if (!first) return;
  await recordAudit(tx, request, {
    tenantId: first.tenantId,
    action: created.length === 1 ? 'usage.record' : 'usage.record_batch',
    entityType: 'UsageEvent',
    entityId: created.length === 1 ? first.id : null,
    changes: { events: created.length, idempotencyKeys: created.map((event) => event.idempotencyKey) },
  });
  if (created.length === 1) await recordRowEvent(tx, request, 'usage.recorded', first);
  else
    await recordEvent(tx, {
      type: 'usage.batch_recorded',
      tenantId: first.tenantId,
      entityId: null,
      payload: { events: created.length, ids: created.map((event) => event.id) },
      requestId: request.requestId,
    });
}

/** All or nothing, one transaction; the same key sent twice at once: the loser replays the winner's events. */
async function record(request: BillingRequest, inputs: UsageInput[], fieldOf: (index: number) => string) {
  requireIdentity(request.identity);
  const attempt = () => inTransaction(request, (tx) => recordIn(tx, request, inputs, fieldOf));
  try {
    return await attempt();
  } catch (error) {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

/** ADMIN or SUPERADMIN: one usage event; the plan's charges price it, never the reporter. */
export async function recordUsage(request: BillingRequest, input: RecordUsageInput): Promise<UsageEvent> {
  const [event] = await record(request, [parseInput(usageEventInput, input, 'input')], () => 'input');
  return event as UsageEvent;
}

/** ADMIN or SUPERADMIN: up to 1,000 events, all or nothing; errors name `events.<i>.<field>`. */
export async function recordUsageEvents(request: BillingRequest, events: RecordUsageInput[]): Promise<UsageEvent[]> {
  const inputs = parseInput(usageBatchInput, events, 'events');
  return record(request, inputs, (index) => `events.${index}`);
}
