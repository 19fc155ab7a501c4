/**
 * Metric rollups kept by the statement-level triggers on `events` (every insert, update, delete).
 * `events.count`: events per UTC hour and day, in total (dimensions `{}`) and per event name
 * (dimensions `{"name": …}`).
 */
export const eventsCountMetric = 'events.count';
export const knownMetrics: readonly string[] = [eventsCountMetric];

/**
 * SQL for the rollup key of a dimensions jsonb: '' for none, else md5 of its jsonb text (jsonb
 * prints keys sorted and spaced one way, so equal dimensions hash equally). The reads use it; the
 * SQL of the migrations (backfill, triggers, `analytics_rebuild_tenant_stats()`) spells the same.
 */
export const dimensionsHashSql = (dimensions: string) =>
  `CASE WHEN ${dimensions} = '{}'::jsonb THEN '' ELSE md5((${dimensions})::text) END`;
