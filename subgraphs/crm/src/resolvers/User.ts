import type { UserResolvers } from '../generated/graphql.ts';

export const User: UserResolvers = {
  // No query: Auth answers for the user; CRM adds the leads assigned to them in the caller's scope.
  __resolveReference: (reference) => ({ id: reference.id }),
  assignedLeads: (user, args, context) => context.loaders.leadsOfAssignee(args.first).load(user.id),
};
