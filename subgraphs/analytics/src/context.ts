import type { RequestContext } from '@codex/kit';
import type { AnalyticsDatabase } from './db.ts';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './loaders.ts';

export interface AnalyticsContext extends RequestContext {
  db: AnalyticsDatabase;
  loaders: AnalyticsLoaders;
}

export const createAnalyticsContext = (base: RequestContext, db: AnalyticsDatabase): AnalyticsContext => ({
  ...base,
  db,
  loaders: createAnalyticsLoaders(db),
});
