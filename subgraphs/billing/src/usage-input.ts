import { badInput, inputSchema, jsonObjectSchema } from '@codex/kit';
import { z } from 'zod';
import { Prisma, type BillableMetric } from './db.ts';
import type { RecordUsageInput } from './generated/graphql.ts';
import { dateSchema, idempotencyKeySchema, lookupIdSchema, metricSchema } from './validation.ts';

/** Clocks of reporting clients drift: a few minutes ahead is still "now". */
const futureSlackMs = 5 * 60_000;
export const maxUsageBatch = 1000;

export const usageEventInput = inputSchema<RecordUsageInput>()(
  z
    .object({
      subscriptionId: lookupIdSchema.nullish(),
      customerId: lookupIdSchema.nullish(),
      metric: metricSchema,
      properties: jsonObjectSchema(8 * 1024).nullish(),
      occurredAt: dateSchema.refine(
        (date) => date.getTime() <= Date.now() + futureSlackMs,
        'must not be in the future',
      ),
      idempotencyKey: idempotencyKeySchema,
    })
    .refine((input) => (input.subscriptionId == null) !== (input.customerId == null), {
      message: 'give either subscriptionId or customerId',
      path: ['subscriptionId'],
    }),
);
export type UsageInput = z.infer<typeof usageEventInput>;

export const usageBatchInput = z
  .array(usageEventInput)
  .min(1, 'must hold at least one event')
  .max(maxUsageBatch, `must hold at most ${maxUsageBatch} events`);

/** A value numeric(38,12) holds, 0 or more: a JSON number or a decimal string. */
const measured = /^\d{1,26}(\.\d{1,12})?$/;

/**
 * What the metric reads from the event's properties, extracted once at ingestion: the number
 * (SUM, MAX, LATEST; PERCENTAGE charges sit on SUM metrics) or the distinct value (UNIQUE_COUNT).
 */
export function measuredValues(
  metric: Pick<BillableMetric, 'aggregation' | 'fieldName'>,
  properties: Record<string, unknown>,
  field: string,
): { value: Prisma.Decimal | null; uniqueValue: string | null } {
  if (metric.aggregation === 'COUNT' || !metric.fieldName) return { value: null, uniqueValue: null };
  const raw = properties[metric.fieldName];
  const where = `${field}.properties.${metric.fieldName}`;
  if (metric.aggregation === 'UNIQUE_COUNT') {
    if ((typeof raw === 'string' && raw.length > 0 && raw.length <= 200) || typeof raw === 'number')
      return { value: null, uniqueValue: String(raw) };
    throw badInput('must be a string (at most 200 characters) or a number', where);
  }
  const text = typeof raw === 'number' && Number.isFinite(raw) ? new Prisma.Decimal(raw).toFixed() : raw;
  if (typeof text !== 'string' || !measured.test(text.trim()))
    throw badInput('must be a number of 0 or more (at most 12 decimals)', where);
  return { value: new Prisma.Decimal(text.trim()), uniqueValue: null };
}
