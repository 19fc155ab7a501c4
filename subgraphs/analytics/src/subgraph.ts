import { defineSubgraph } from '@codex/kit';
import { createAnalyticsContext, type AnalyticsContext } from './context.ts';
import { createAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import { createEventPartitionsTask } from './insights/partitions.ts';
import { createEnrichment } from './ingest/enrichment.ts';
import { ingestRoutes } from './ingest/routes.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';
import { seedAnalyticsDemo } from './seed.ts';

export const analyticsSubgraph = defineSubgraph<AnalyticsDatabase, AnalyticsContext>({
  service: 'analytics',
  createDatabase: createAnalyticsDatabase,
  seedDemo: seedAnalyticsDemo,
  resolvers,
  permissions,
  tasks: (db) => [createEventPartitionsTask(db)],
  define: (db) => {
    const enrich = createEnrichment();
    return { createContext: (base) => createAnalyticsContext(base, db, enrich), routes: ingestRoutes(db) };
  },
});
