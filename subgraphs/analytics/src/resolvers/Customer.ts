import { recentEventsOf } from '../customer-events.ts';
import type { CustomerResolvers } from '../generated/graphql.ts';

export const Customer: CustomerResolvers = {
  // CRM owns customers; this subgraph adds their events, keyed by the tenant CRM names (`@requires`).
  __resolveReference: (reference) => ({
    id: reference.id,
    tenantId: 'tenantId' in reference ? reference.tenantId : undefined,
  }),
  recentEvents: (customer, args, context) => recentEventsOf(context, customer, args.first),
};
