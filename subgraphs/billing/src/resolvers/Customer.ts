import { isUuid } from '@codex/kit';
import type { CustomerResolvers } from '../generated/graphql.ts';

export const Customer: CustomerResolvers = {
  // CRM owns customers: a reference is only an id here, of a tenant Billing cannot know (see CustomerReference).
  __resolveReference: (reference) => ({ id: reference.id, tenantId: null }),
  subscriptions: (customer, _args, context) =>
    isUuid(customer.id) ? context.loaders.subscriptionsOfCustomer.load(customer.id) : [],
};
