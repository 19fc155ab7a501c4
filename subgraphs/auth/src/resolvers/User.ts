import { isUuid } from '@codex/kit';
import type { UserResolvers } from '../generated/graphql.ts';
import { canSeeUser } from '../users.ts';

export const User: UserResolvers = {
  // Shield does not guard reference resolution: CLIENTs get only themselves, others their scope's users.
  __resolveReference: (reference, context) =>
    isUuid(reference.id) && canSeeUser(context.identity, reference)
      ? context.loaders.userById.load(reference.id)
      : null,
  mfaEnabled: (user) => user.mfaEnabledAt !== null,
  tenant: (user, _args, context) => (user.tenantId ? context.loaders.tenantById.load(user.tenantId) : null),
};
