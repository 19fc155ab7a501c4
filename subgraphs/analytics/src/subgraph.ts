import { defineSubgraph } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createAnalyticsContext, type AnalyticsContext } from './context.ts';
import { createAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedAnalyticsDemo } from './seed.ts';

export const analyticsSubgraph = defineSubgraph<AnalyticsDatabase, AnalyticsContext>({
  service: 'analytics',
  version: packageJson.version,
  createDatabase: createAnalyticsDatabase,
  seedDemo: seedAnalyticsDemo,
  define: (db) => ({
    resolvers,
    permissions,
    createContext: (base) => createAnalyticsContext(base, db),
  }),
});
