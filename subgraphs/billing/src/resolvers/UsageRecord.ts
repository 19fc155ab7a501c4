import type { UsageRecordResolvers } from '../generated/graphql.ts';

export const UsageRecord: UsageRecordResolvers = {
  subscription: async (record, _args, context) => {
    const subscription = await context.loaders.subscriptionById.load(record.subscriptionId);
    // A usage record never outlives its subscription (ON DELETE CASCADE), and both share a tenant.
    if (!subscription) throw new Error(`usage record ${record.id} has no subscription`);
    return subscription;
  },
  invoice: (record, _args, context) => (record.invoiceId ? context.loaders.invoiceById.load(record.invoiceId) : null),
};
