import { DateTime, Decimal } from '@codex/kit/scalars';
import type { Resolvers } from './generated/graphql.ts';
import { computeKpis } from './kpis.ts';

/** The one platform overview: its parts come from every subgraph through the federated plan. */
const platform = { id: 'platform' } as const;

export const resolvers: Resolvers = {
  DateTime,
  Decimal,
  Query: {
    platformHealth: (_root, _args, context) => context.platformHealth(),
    platformOverview: () => platform,
  },
  Tenant: {
    kpis: (tenant) => computeKpis(tenant),
  },
  PlatformOverview: {
    __resolveReference: (reference) => reference,
    kpis: (overview) => computeKpis(overview),
  },
};
