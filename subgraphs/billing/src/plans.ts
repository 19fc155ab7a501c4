import {
  auditRow,
  recordRowChange,
  recordRowEvent,
  changedFields,
  currencySchema,
  existingId,
  findExisting,
  inputSchema,
  jsonObjectSchema,
  onUniqueViolation,
  parseInput,
  requireIdentity,
  targetTenantId,
  tenantList,
  conflict,
} from '@codex/kit';
import { z } from 'zod';
import type { Plan } from './db.ts';
import { chargesInput, replacePlanCharges } from './plan-charges.ts';
import type { CreatePlanInput, PlanFilter, UpdatePlanInput } from './generated/graphql.ts';
import { columnsEqual } from './lists.ts';
import { inTransaction, type BillingRequest, type BillingTx } from './request.ts';
import {
  amountSchema,
  billingLimits,
  daysSchema,
  descriptionSchema,
  dunningDaysSchema,
  lookupIdSchema,
  planCodeSchema,
  planNameSchema,
  trialDaysSchema,
} from './validation.ts';

const planFields = {
  name: planNameSchema,
  code: planCodeSchema.nullish(),
  description: descriptionSchema.nullish(),
  amount: amountSchema,
  trialDays: trialDaysSchema,
  features: jsonObjectSchema(billingLimits.planFeaturesBytes),
  charges: chargesInput.nullish(),
  dunningReminderDays: dunningDaysSchema.nullish(),
  dunningFinalAction: z.enum(['CANCEL_SUBSCRIPTION', 'MARK_UNCOLLECTIBLE']).nullish(),
  dunningFinalAfterDays: daysSchema.nullish(),
  daysUntilDue: daysSchema.nullish(),
};
const { monthsPerInterval, yearsPerInterval } = billingLimits;
const createPlanInput = inputSchema<CreatePlanInput>()(
  z
    .object({
      ...planFields,
      currency: currencySchema,
      interval: z.enum(['MONTH', 'YEAR']),
      intervalCount: z.number().int().min(1, 'must be at least 1').max(monthsPerInterval).nullish(),
      trialDays: trialDaysSchema.nullish(),
      features: planFields.features.nullish(),
      tenantId: lookupIdSchema.nullish(),
    })
    .refine((plan) => (plan.intervalCount ?? 1) <= (plan.interval === 'YEAR' ? yearsPerInterval : monthsPerInterval), {
      message: `must be at most ${monthsPerInterval} months or ${yearsPerInterval} years`,
      path: ['intervalCount'],
    }),
);
const updatePlanInput = inputSchema<UpdatePlanInput>()(
  z.object({
    ...planFields,
    name: planFields.name.nullish(),
    code: planFields.code,
    description: planFields.description,
    amount: planFields.amount.nullish(),
    trialDays: planFields.trialDays.nullish(),
    features: planFields.features.nullish(),
  }),
);

export const listPlans = tenantList((db: BillingRequest['db']) => db.plan, {
  where: (filter?: PlanFilter | null) => columnsEqual({ ...filter, currency: filter?.currency?.toUpperCase() }),
  order: { CREATED_AT: 'createdAt', NAME: 'name', AMOUNT: 'amount' },
});

const taken = (field: 'name' | 'code') => conflict(`A plan with this ${field} already exists`, `input.${field}`);

/** Names and codes are unique per tenant: say which one is taken (the unique index is the last word). */
async function assertFree(
  tx: BillingTx,
  tenantId: string,
  values: { name?: string | null; code?: string | null },
  except?: string,
) {
  const others = { tenantId, ...(except ? { id: { not: except } } : {}) };
  if (values.name && (await tx.plan.findFirst({ where: { ...others, name: values.name }, select: { id: true } })))
    throw taken('name');
  if (values.code && (await tx.plan.findFirst({ where: { ...others, code: values.code }, select: { id: true } })))
    throw taken('code');
}

async function withUniqueNames<T>(work: () => Promise<T>): Promise<T> {
  return onUniqueViolation(work(), () => taken('name'));
}

/** SUPERADMIN (permission map): a plan in `input.tenantId`. */
export async function createPlan(request: BillingRequest, input: CreatePlanInput): Promise<Plan> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createPlanInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  return withUniqueNames(() =>
    inTransaction(request, async (tx) => {
      await assertFree(tx, tenantId, data);
      const plan = await tx.plan.create({
        data: {
          tenantId,
          name: data.name,
          code: data.code ?? null,
          description: data.description ?? null,
          amount: data.amount,
          currency: data.currency,
          interval: data.interval,
          intervalCount: data.intervalCount ?? 1,
          trialDays: data.trialDays ?? 0,
          features: (data.features ?? {}) as object,
          ...dunningSettings(data),
        },
      });
      if (data.charges) await replacePlanCharges(tx, plan, data.charges);
      await auditRow(tx, request, 'plan.create', 'Plan', plan, { ...data, tenantId });
      await recordRowEvent(tx, request, 'plan.created', plan);
      return plan;
    }),
  );
}

/** Changes what is given. Invoices copy the price when they are created, so issued ones keep theirs. */
export async function updatePlan(request: BillingRequest, id: string, input: UpdatePlanInput): Promise<Plan> {
  const planId = existingId(id, 'Plan');
  const { features, charges, ...given } = parseInput(updatePlanInput, input, 'input');
  // Absent fields stay; null clears the optional ones (code, description) and is ignored elsewhere.
  const data = {
    ...changedFields(given, ['code', 'description']),
    ...(features ? { features: features as object } : {}),
  };
  return withUniqueNames(() =>
    inTransaction(request, async (tx) => {
      const plan = await findExisting(tx.plan, planId, 'Plan');
      await assertFree(tx, plan.tenantId, data, planId);
      const updated = await tx.plan.update({ where: { id: planId }, data });
      if (charges) await replacePlanCharges(tx, plan, charges);
      const after = charges ? { ...data, charges } : data;
      await auditRow(tx, request, 'plan.update', 'Plan', plan, { before: pick(plan, Object.keys(data)), after });
      await recordRowChange(tx, request, 'plan.updated', plan, updated);
      return updated;
    }),
  );
}

/** Archived plans keep their subscriptions but take no new ones. Archiving twice changes nothing. */
export async function archivePlan(request: BillingRequest, id: string): Promise<Plan> {
  const planId = existingId(id, 'Plan');
  return inTransaction(request, async (tx) => {
    const plan = await findExisting(tx.plan, planId, 'Plan');
    if (!plan.active) return plan;
    const archived = await tx.plan.update({ where: { id: planId }, data: { active: false } });
    await auditRow(tx, request, 'plan.archive', 'Plan', plan, { active: false });
    await recordRowEvent(tx, request, 'plan.archived', archived);
    return archived;
  });
}

const pick = (row: object, keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => keys.includes(key)));

/** The dunning and due-date settings given (absent ones keep the column defaults). */
const dunningSettings = (data: z.infer<typeof createPlanInput>) =>
  changedFields({
    dunningReminderDays: data.dunningReminderDays,
    dunningFinalAction: data.dunningFinalAction,
    dunningFinalAfterDays: data.dunningFinalAfterDays,
    daysUntilDue: data.daysUntilDue,
  });
