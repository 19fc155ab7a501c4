import { badInput, currencySchema, nonNegativeDecimal } from '@codex/kit';
import { z } from 'zod';
import { Prisma, type PlanCharge } from './db.ts';
import { chargePropertiesSchemas } from './charge-properties.ts';
import type { BillingTx } from './request.ts';
import { lookupIdSchema } from './validation.ts';

const chargeModels = ['STANDARD', 'GRADUATED', 'VOLUME', 'PACKAGE', 'PERCENTAGE'] as const;
export const maxChargesPerPlan = 20;

/** One PlanChargeInput: its properties parsed by its model's schema, errors under `properties.…`. */
const chargeInput = z
  .object({
    billableMetricId: lookupIdSchema,
    model: z.enum(chargeModels),
    properties: z.record(z.string(), z.unknown()),
    freeUnits: nonNegativeDecimal(19, 4).nullish(),
    currency: currencySchema.nullish(),
  })
  .transform((charge, context) => {
    const parsed = chargePropertiesSchemas[charge.model].safeParse(charge.properties);
    if (parsed.success) return { ...charge, properties: parsed.data as Record<string, unknown> };
    for (const issue of parsed.error.issues)
      context.addIssue({ code: 'custom', message: issue.message, path: ['properties', ...issue.path] });
    return z.NEVER;
  });

/** A plan's charges: each metric at most once. */
export const chargesInput = z
  .array(chargeInput)
  .max(maxChargesPerPlan, `must have at most ${maxChargesPerPlan} charges`)
  .superRefine((charges, context) => {
    const seen = new Set<string>();
    charges.forEach((charge, index) => {
      if (seen.has(charge.billableMetricId))
        context.addIssue({ code: 'custom', message: 'charges this metric twice', path: [index, 'billableMetricId'] });
      seen.add(charge.billableMetricId);
    });
  });
export type ChargesInput = z.infer<typeof chargesInput>;

/**
 * Checks the charges against the plan's tenant and currency, then replaces the plan's charges.
 * Errors name the charge (`input.charges.1.billableMetricId`) and write nothing (the caller's
 * transaction rolls back).
 */
export async function replacePlanCharges(
  tx: BillingTx,
  plan: { id: string; tenantId: string; currency: string },
  charges: ChargesInput,
): Promise<PlanCharge[]> {
  const metrics = await tx.billableMetric.findMany({
    where: { tenantId: plan.tenantId, id: { in: charges.map((charge) => charge.billableMetricId) } },
  });
  charges.forEach((charge, index) => {
    const field = `input.charges.${index}`;
    const metric = metrics.find((candidate) => candidate.id === charge.billableMetricId);
    if (!metric || metric.archivedAt)
      throw badInput('No active billable metric with this id in the plan’s tenant', `${field}.billableMetricId`);
    if (charge.model === 'PERCENTAGE' && metric.aggregation !== 'SUM')
      throw badInput('A PERCENTAGE charge needs a SUM metric (the amount of each event)', `${field}.model`);
    if (charge.currency && charge.currency !== plan.currency)
      throw badInput(`must be the plan's currency (${plan.currency})`, `${field}.currency`);
  });
  await tx.planCharge.deleteMany({ where: { planId: plan.id } });
  await tx.planCharge.createMany({
    data: charges.map((charge, position) => ({
      tenantId: plan.tenantId,
      planId: plan.id,
      billableMetricId: charge.billableMetricId,
      model: charge.model,
      properties: charge.properties as Prisma.InputJsonObject,
      freeUnits: new Prisma.Decimal(charge.freeUnits ?? 0),
      position,
    })),
  });
  return tx.planCharge.findMany({ where: { planId: plan.id }, orderBy: { position: 'asc' } });
}
