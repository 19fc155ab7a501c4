import {
  badInput,
  currencySchema,
  inputSchema,
  nameSchema,
  nonNegativeDecimal,
  parsedWhere,
  textSchema,
} from '@codex/kit';
import { z } from 'zod';
import type { PipelineStage } from './db.ts';
import { columnLimits, decimalLimits } from './generated/column-limits.ts';
import type { CreateLeadInput, LeadFilter, UpdateLeadInput } from './generated/graphql.ts';
import { namedInTenant, type CrmTx } from './request.ts';
import {
  dateSchema,
  filterIdSchema,
  lookupIdSchema,
  omittable,
  optionalTextSchema,
  probabilitySchema,
} from './validation.ts';

/** Lead input and filter rules, and where a new lead goes. */
const assigneeSchema = z.uuid({ message: 'must be a user id' }).nullish();
const rowIdSchema = lookupIdSchema.nullish();
const titleSchema = nameSchema(columnLimits.Lead.title);
const { precision, scale } = decimalLimits.Lead.value;
const valueSchema = nonNegativeDecimal(precision, scale);

export const createLeadInput = inputSchema<CreateLeadInput>()(
  z.object({
    title: titleSchema,
    value: valueSchema.nullish(),
    currency: currencySchema.nullish(),
    pipelineId: rowIdSchema,
    stageId: rowIdSchema,
    probability: probabilitySchema.nullish(),
    expectedCloseDate: dateSchema.nullish(),
    assigneeId: assigneeSchema,
    customerId: rowIdSchema,
    source: optionalTextSchema(columnLimits.Lead.source),
    tenantId: rowIdSchema,
  }),
);

/** Omitted: unchanged; null clears the optional fields and is refused for the required ones. */
export const updateLeadInput = inputSchema<UpdateLeadInput>()(
  z.object({
    title: omittable(titleSchema),
    value: omittable(valueSchema),
    currency: omittable(currencySchema),
    probability: omittable(probabilitySchema),
    expectedCloseDate: dateSchema.nullish(),
    assigneeId: assigneeSchema,
    customerId: rowIdSchema,
    source: optionalTextSchema(columnLimits.Lead.source),
  }),
);

/** Why a lead was lost (`loseLead`). */
export const lostReasonSchema = textSchema(columnLimits.Lead.lostReason, { min: 1 });

const leadStatus = z.enum(['OPEN', 'WON', 'LOST']);
export const leadFilterSchema = inputSchema<LeadFilter>()(
  z.object({
    status: leadStatus.nullish(),
    pipelineId: filterIdSchema,
    stageId: filterIdSchema,
    assigneeId: filterIdSchema,
    customerId: filterIdSchema,
  }),
)
  .nullish()
  .transform((filter) => filter ?? {});

export function leadWhere(filter: z.infer<typeof leadFilterSchema>) {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null && value !== undefined));
}

export const leadSortFields = {
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
  TITLE: 'title',
  VALUE: 'value',
  PROBABILITY: 'probability',
} as const;

/** How `leads` reads its filter and order. */
export const leadListQuery = { where: parsedWhere(leadFilterSchema, leadWhere), order: leadSortFields };

/** The customer `id` in the tenant (NOT_FOUND naming `field` otherwise). */
export const customerInTenant = (tx: CrmTx, tenantId: string, id: string, field: string) =>
  namedInTenant(tx.customer, id, { tenantId, entity: 'Customer', field });

/**
 * Where a new lead starts: the stage given (its pipeline if none is named), else the first stage
 * of the pipeline given, else of the tenant's default pipeline.
 */
export async function startingStage(
  tx: CrmTx,
  tenantId: string,
  pipelineId: string | null | undefined,
  stageId: string | null | undefined,
): Promise<PipelineStage> {
  const pipeline = pipelineId
    ? await namedInTenant(tx.pipeline, pipelineId, { tenantId, entity: 'Pipeline', field: 'input.pipelineId' })
    : null;
  if (stageId) {
    const stage = await namedInTenant(tx.pipelineStage, stageId, {
      tenantId,
      entity: 'Pipeline stage',
      field: 'input.stageId',
    });
    if (pipeline && stage.pipelineId !== pipeline.id)
      throw badInput('The stage belongs to another pipeline', 'input.stageId');
    return stage;
  }
  const target = pipeline ?? (await tx.pipeline.findFirst({ where: { tenantId, isDefault: true } }));
  if (!target) throw badInput('The tenant has no default pipeline: name one', 'input.pipelineId');
  const first = await tx.pipelineStage.findFirst({
    where: { pipelineId: target.id },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
  if (!first) throw badInput('The pipeline has no stages', 'input.pipelineId');
  return first;
}
