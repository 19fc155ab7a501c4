import {
  badInput,
  inputSchema,
  isUniqueViolation,
  isUuid,
  loadTenantPage,
  parseInput,
  recordAudit,
  recordRowEvent,
  requireIdentity,
  type ListArgs,
  conflict,
  notFound,
} from '@codex/kit';
import { z } from 'zod';
import type { UsageRecord } from './db.ts';
import { equals, idEquals } from './lists.ts';
import { inTransaction, type BillingRequest } from './request.ts';
import type { RecordUsageInput, UsageRecordFilter } from './generated/graphql.ts';
import {
  amountSchema,
  dateSchema,
  idempotencyKeySchema,
  lookupIdSchema,
  metricSchema,
  positiveQuantitySchema,
} from './validation.ts';

const recordUsageInput = inputSchema<RecordUsageInput>()(
  z.object({
    subscriptionId: lookupIdSchema,
    metric: metricSchema,
    quantity: positiveQuantitySchema,
    unitPrice: amountSchema,
    occurredAt: dateSchema.refine((date) => date.getTime() <= Date.now() + 5 * 60_000, 'must not be in the future'),
    idempotencyKey: idempotencyKeySchema.nullish(),
  }),
);

export type UsageListArgs = ListArgs<UsageRecordFilter>;

export const listUsageRecords = (request: BillingRequest, args: UsageListArgs) => {
  const invoiced = args.filter?.invoiced;
  return loadTenantPage(request, args, request.db.usageRecord, {
    AND: [
      idEquals('subscriptionId', args.filter?.subscriptionId),
      equals('metric', args.filter?.metric),
      invoiced == null ? {} : { invoiceId: invoiced ? { not: null } : null },
    ],
  });
};

const subscriptionMissing = () => notFound('Subscription', 'input.subscriptionId');

/**
 * ADMIN or SUPERADMIN: usage is part of a subscription (Stripe records it on subscription items).
 * A point in time is stored as a period of no length. A retry with the same idempotency key
 * returns the first record unchanged.
 */
export async function recordUsage(request: BillingRequest, input: RecordUsageInput): Promise<UsageRecord> {
  requireIdentity(request.identity);
  const data = parseInput(recordUsageInput, input, 'input');
  if (!isUuid(data.subscriptionId)) throw subscriptionMissing();
  const replay = () =>
    data.idempotencyKey
      ? request.db.usageRecord.findFirst({
          where: { subscriptionId: data.subscriptionId, idempotencyKey: data.idempotencyKey },
        })
      : null;
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await inTransaction(request, async (tx) => {
      const subscription = await tx.subscription.findFirst({ where: { id: data.subscriptionId } });
      if (!subscription) throw subscriptionMissing();
      if (subscription.cancelledAt && data.occurredAt >= subscription.cancelledAt) {
        throw badInput('The subscription was cancelled before this usage', 'input.occurredAt');
      }
      const record = await tx.usageRecord.create({
        data: {
          tenantId: subscription.tenantId,
          subscriptionId: subscription.id,
          metric: data.metric,
          quantity: data.quantity,
          unitPrice: data.unitPrice,
          periodStart: data.occurredAt,
          periodEnd: data.occurredAt,
          idempotencyKey: data.idempotencyKey ?? null,
        },
      });
      await recordAudit(tx, request, {
        tenantId: subscription.tenantId,
        action: 'usage.record',
        entityType: 'UsageRecord',
        entityId: record.id,
        changes: { ...data },
      });
      await recordRowEvent(tx, request, 'usage.recorded', record);
      return record;
    });
  } catch (error) {
    // The same key sent twice at once: the loser answers with the winner's record.
    const winner = isUniqueViolation(error) ? await replay() : null;
    if (winner) return winner;
    if (isUniqueViolation(error))
      throw conflict('This idempotency key was used for another subscription', 'input.idempotencyKey');
    throw error;
  }
}
