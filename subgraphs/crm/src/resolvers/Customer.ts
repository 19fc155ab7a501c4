import type { CustomerResolvers } from '../generated/graphql.ts';
import { loadById } from '../loaders.ts';

export const Customer: CustomerResolvers = {
  // Shield does not guard reference resolution: the loader's database is scoped to the caller's tenant.
  __resolveReference: (reference, context) => loadById(context.loaders.customerById, reference.id),
  address: (customer) => customer.address as Record<string, unknown> | null,
  customFields: (customer) => customer.customFields as Record<string, unknown>,
  leads: (customer, args, context) => context.loaders.leadsOfCustomer(args.first).load(customer.id),
  interactions: (customer, args, context) => context.loaders.interactionsOfCustomer(args.first).load(customer.id),
};
