import { recentEventsLimit } from '../customer-events.ts';
import type { CustomerResolvers } from '../generated/graphql.ts';

export const Customer: CustomerResolvers = {
  // CRM owns customers; this subgraph only adds their events (a foreign id has none in scope).
  __resolveReference: (reference) => ({ id: reference.id }),
  recentEvents: (customer, args, context) =>
    context.loaders.recentEvents(recentEventsLimit(args.first)).load(customer.id),
};
