import { isUuid, pageSize } from '@codex/kit';
import { customerOf } from '../customers.ts';
import type { BillingSubscriptionResolvers } from '../generated/graphql.ts';

export const BillingSubscription: BillingSubscriptionResolvers = {
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.subscriptionById.load(reference.id) : null,
  customer: (subscription) => customerOf(subscription),
  // A subscription's plan is in its tenant and never deleted (archived at most): missing is a bug.
  plan: async (subscription, _args, context) => {
    const plan = await context.loaders.planById.load(subscription.planId);
    if (!plan) throw new Error(`plan ${subscription.planId} of subscription ${subscription.id} not found`);
    return plan;
  },
  invoices: (subscription, args, context) =>
    context.loaders.invoicesOfSubscription(pageSize(args.first ?? 10)).load(subscription.id),
  scheduledPlan: (subscription, _args, context) =>
    subscription.scheduledPlanId ? context.loaders.planById.load(subscription.scheduledPlanId) : null,
  appliedCoupons: (subscription, _args, context) => context.loaders.appliedCouponsOfSubscription.load(subscription.id),
};
