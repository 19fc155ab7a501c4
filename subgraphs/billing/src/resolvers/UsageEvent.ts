import type { UsageEventResolvers } from '../generated/graphql.ts';
import { metricOf } from './PlanCharge.ts';

export const UsageEvent: UsageEventResolvers = {
  subscription: async (event, _args, context) => {
    const subscription = await context.loaders.subscriptionById.load(event.subscriptionId);
    // An event never outlives its subscription (ON DELETE CASCADE), and both share a tenant.
    if (!subscription) throw new Error(`usage event ${event.id} has no subscription`);
    return subscription;
  },
  billableMetric: (event, _args, context) => metricOf(context, event.billableMetricId),
  properties: (event) => event.properties as Record<string, unknown>,
};
