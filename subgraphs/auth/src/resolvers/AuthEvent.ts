import type { AuthEventResolvers } from '../generated/graphql.ts';

export const AuthEvent: AuthEventResolvers = {
  metadata: (event) => (event.metadata === null ? null : JSON.stringify(event.metadata)),
};
