import { readTypeDefs, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createAnalyticsContext, type AnalyticsContext } from './context.ts';
import { createAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedAnalyticsDemo } from './seed.ts';

export const analyticsSubgraph: SubgraphModule<AnalyticsDatabase, AnalyticsContext> = {
  service: 'analytics',
  version: packageJson.version,
  migrationsDir: new URL('../../../prisma/analytics/migrations', import.meta.url).pathname,
  createDatabase: createAnalyticsDatabase,
  seedDemo: seedAnalyticsDemo,
  define: (db) => ({
    typeDefs: readTypeDefs(new URL('../../../schema/analytics.graphql', import.meta.url)),
    resolvers,
    permissions,
    createContext: (base) => createAnalyticsContext(base, db),
  }),
};
