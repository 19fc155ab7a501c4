import { badInput, inputSchema, parsedWhere } from '@codex/kit';
import { z } from 'zod';
import type {
  InteractionFilter,
  LogInteractionInput,
  ScheduleInteractionInput,
  UpdateInteractionInput,
} from './generated/graphql.ts';
import { columnLimits } from './generated/column-limits.ts';
import { namedInTenant, type CrmTx } from './request.ts';
import {
  dateSchema,
  filterIdSchema,
  futureDateSchema,
  lookupIdSchema,
  omittable,
  optionalTextSchema,
} from './validation.ts';

/** Interaction input and filter rules, and what an interaction is about. */
const interactionType = z.enum(['EMAIL', 'CALL', 'MEETING', 'NOTE']);
/** Clocks differ a little: "now" from the caller may be a few seconds ahead of ours. */
const clockSkewMs = 60_000;

const common = {
  type: interactionType,
  subject: optionalTextSchema(columnLimits.Interaction.subject),
  body: optionalTextSchema(columnLimits.Interaction.body),
  customerId: lookupIdSchema.nullish(),
  leadId: lookupIdSchema.nullish(),
  userId: z.uuid({ message: 'must be a user id' }).nullish(),
  tenantId: lookupIdSchema.nullish(),
};

export const logInteractionInput = inputSchema<LogInteractionInput>()(
  z.object({
    ...common,
    completedAt: dateSchema
      .refine((date) => date.getTime() <= Date.now() + clockSkewMs, 'must not be in the future')
      .nullish(),
  }),
);

export const scheduleInteractionInput = inputSchema<ScheduleInteractionInput>()(
  z.object({ ...common, scheduledAt: futureDateSchema }),
);

export const updateInteractionInput = inputSchema<UpdateInteractionInput>()(
  z.object({
    type: omittable(interactionType),
    subject: optionalTextSchema(columnLimits.Interaction.subject),
    body: optionalTextSchema(columnLimits.Interaction.body),
    scheduledAt: omittable(futureDateSchema),
  }),
);

export const interactionFilterSchema = inputSchema<InteractionFilter>()(
  z.object({
    customerId: filterIdSchema,
    leadId: filterIdSchema,
    userId: filterIdSchema,
    type: interactionType.nullish(),
    scheduled: z.boolean().nullish(),
    completed: z.boolean().nullish(),
  }),
)
  .nullish()
  .transform((filter) => filter ?? {});

/** The filter as a Prisma `where`; "scheduled" is planned in the future and not done yet. */
export function interactionWhere(filter: z.infer<typeof interactionFilterSchema>, now = new Date()) {
  const planned = { scheduledAt: { gt: now }, completedAt: null };
  const conditions = [
    filter.customerId ? { customerId: filter.customerId } : {},
    filter.leadId ? { leadId: filter.leadId } : {},
    filter.userId ? { userId: filter.userId } : {},
    filter.type ? { type: filter.type } : {},
    filter.completed === true
      ? { completedAt: { not: null } }
      : filter.completed === false
        ? { completedAt: null }
        : {},
    // Spelled out rather than NOT(planned): NOT of a comparison with NULL would drop unscheduled rows.
    filter.scheduled === true
      ? planned
      : filter.scheduled === false
        ? { OR: [{ scheduledAt: null }, { scheduledAt: { lte: now } }, { completedAt: { not: null } }] }
        : {},
  ];
  return { AND: conditions };
}

export const interactionSortFields = { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt' } as const;

/** How `interactions` reads its filter and order. */
export const interactionListQuery = {
  where: parsedWhere(interactionFilterSchema, interactionWhere),
  order: interactionSortFields,
};

/**
 * What an interaction is about: a customer, a lead, or both (the lead's customer when only the
 * lead is given; a lead of another customer is refused).
 */
export async function interactionSubjects(
  tx: CrmTx,
  tenantId: string,
  customerId: string | null | undefined,
  leadId: string | null | undefined,
) {
  if (!customerId && !leadId)
    throw badInput('An interaction is with a customer or about a lead: give customerId or leadId', 'input.customerId');
  const lead = leadId
    ? await namedInTenant(tx.lead, leadId, { tenantId, entity: 'Lead', field: 'input.leadId' })
    : null;
  const customer = customerId
    ? await namedInTenant(tx.customer, customerId, { tenantId, entity: 'Customer', field: 'input.customerId' })
    : null;
  if (lead?.customerId && customer && lead.customerId !== customer.id)
    throw badInput('The lead belongs to another customer', 'input.leadId');
  return { customerId: customer?.id ?? lead?.customerId ?? null, leadId: lead?.id ?? null };
}
