import { isUuid, referenceNamedBy } from '@codex/kit';
import type { EventResolvers } from '../generated/graphql.ts';

export const Event: EventResolvers = {
  // Shield does not guard reference resolution: the loader's database is the request's scoped one.
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.eventById.load(reference.id) : null,
  data: (event) => event.data as Record<string, unknown>,
  user: (event) => referenceNamedBy('User', event, event.userId),
  customer: (event) => referenceNamedBy('Customer', event, event.customerId),
};
