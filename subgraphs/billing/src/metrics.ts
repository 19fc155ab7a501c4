import {
  auditRow,
  changedFields,
  conflict,
  existingId,
  findExisting,
  inputSchema,
  onUniqueViolation,
  parseInput,
  recordRowChange,
  recordRowEvent,
  requireIdentity,
  targetTenantId,
  tenantList,
} from '@codex/kit';
import { z } from 'zod';
import type { BillableMetric } from './db.ts';
import type {
  BillableMetricFilter,
  CreateBillableMetricInput,
  UpdateBillableMetricInput,
} from './generated/graphql.ts';
import { inTransaction, type BillingRequest } from './request.ts';
import { descriptionSchema, fieldNameSchema, lookupIdSchema, metricSchema, planNameSchema } from './validation.ts';

const createMetricInput = inputSchema<CreateBillableMetricInput>()(
  z
    .object({
      code: metricSchema,
      name: planNameSchema,
      description: descriptionSchema.nullish(),
      aggregation: z.enum(['COUNT', 'SUM', 'MAX', 'UNIQUE_COUNT', 'LATEST']),
      fieldName: fieldNameSchema.nullish(),
      tenantId: lookupIdSchema.nullish(),
    })
    .refine((metric) => metric.aggregation === 'COUNT' || metric.fieldName, {
      message: 'is required for every aggregation but COUNT',
      path: ['fieldName'],
    }),
);
const updateMetricInput = inputSchema<UpdateBillableMetricInput>()(
  z.object({ name: planNameSchema.nullish(), description: descriptionSchema.nullish() }),
);

export const listBillableMetrics = tenantList((db: BillingRequest['db']) => db.billableMetric, {
  where: (filter?: BillableMetricFilter | null) => ({
    AND: [
      filter?.archived == null ? {} : { archivedAt: filter.archived ? { not: null } : null },
      filter?.code ? { code: filter.code } : {},
    ],
  }),
  order: { CREATED_AT: 'createdAt' },
});

const codeTaken = () => conflict('A billable metric with this code already exists', 'input.code');

/** SUPERADMIN (permission map): a metric in `input.tenantId`. COUNT ignores `fieldName`. */
export async function createBillableMetric(
  request: BillingRequest,
  input: CreateBillableMetricInput,
): Promise<BillableMetric> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createMetricInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  return onUniqueViolation(
    inTransaction(request, async (tx) => {
      const metric = await tx.billableMetric.create({
        data: {
          tenantId,
          code: data.code,
          name: data.name,
          description: data.description ?? null,
          aggregation: data.aggregation,
          fieldName: data.aggregation === 'COUNT' ? null : (data.fieldName ?? null),
        },
      });
      await auditRow(tx, request, 'billable_metric.create', 'BillableMetric', metric, { ...data, tenantId });
      await recordRowEvent(tx, request, 'billable_metric.created', metric);
      return metric;
    }),
    codeTaken,
  );
}

/** Name and description only: code, aggregation and field are what stored events and charges mean. */
export async function updateBillableMetric(
  request: BillingRequest,
  id: string,
  input: UpdateBillableMetricInput,
): Promise<BillableMetric> {
  const metricId = existingId(id, 'BillableMetric');
  const data = changedFields(parseInput(updateMetricInput, input, 'input'), ['description']);
  return inTransaction(request, async (tx) => {
    const metric = await findExisting(tx.billableMetric, metricId, 'BillableMetric');
    const updated = await tx.billableMetric.update({ where: { id: metricId }, data });
    await auditRow(tx, request, 'billable_metric.update', 'BillableMetric', metric, data);
    await recordRowChange(tx, request, 'billable_metric.updated', metric, updated);
    return updated;
  });
}

/** Archived metrics take no new charges or events; charges on them keep billing. Twice changes nothing. */
export async function archiveBillableMetric(request: BillingRequest, id: string): Promise<BillableMetric> {
  const metricId = existingId(id, 'BillableMetric');
  return inTransaction(request, async (tx) => {
    const metric = await findExisting(tx.billableMetric, metricId, 'BillableMetric');
    if (metric.archivedAt) return metric;
    const archived = await tx.billableMetric.update({
      where: { id: metricId },
      data: { archivedAt: request.clock.now() },
    });
    await auditRow(tx, request, 'billable_metric.archive', 'BillableMetric', metric, {
      archivedAt: archived.archivedAt,
    });
    await recordRowEvent(tx, request, 'billable_metric.archived', archived);
    return archived;
  });
}
