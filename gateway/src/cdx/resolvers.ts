import { DateTime } from '@codex/kit';
import type { Resolvers } from './generated/graphql.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    platformHealth: (_root, _args, context) => context.platformHealth(),
  },
};
