import type { PlanChargeResolvers } from '../generated/graphql.ts';
import type { BillingContext } from '../context.ts';

/** A charge's or event's metric is in its tenant and never deleted (FK restrict): missing is a bug. */
export async function metricOf(context: BillingContext, id: string) {
  const metric = await context.loaders.billableMetricById.load(id);
  if (!metric) throw new Error(`billable metric ${id} not found`);
  return metric;
}

export const PlanCharge: PlanChargeResolvers = {
  billableMetric: (charge, _args, context) => metricOf(context, charge.billableMetricId),
  properties: (charge) => charge.properties as Record<string, unknown>,
};
