import { isUuid } from '@codex/kit';
import type { EventResolvers } from '../generated/graphql.ts';
import { customerNamedBy, userNamedBy } from '../references.ts';

export const Event: EventResolvers = {
  // Shield does not guard reference resolution: the loader's database is the request's scoped one.
  __resolveReference: (reference, context) => (isUuid(reference.id) ? context.loaders.eventById.load(reference.id) : null),
  data: (event) => event.data as Record<string, unknown>,
  user: (event) => userNamedBy(event, event.userId),
  customer: (event) => customerNamedBy(event, event.customerId),
};
