/**
 * Metric rollups kept by ingestion. `events.count`: events per UTC hour and day, in total
 * (dimensions `{}`) and per event name (dimensions `{"name": …}`).
 */
export const eventsCountMetric = 'events.count';
export const knownMetrics: readonly string[] = [eventsCountMetric];

/**
 * SQL for the rollup key of a dimensions jsonb: '' for none, else md5 of its jsonb text (jsonb
 * prints keys sorted and spaced one way, so equal dimensions hash equally). The one definition,
 * used by the writes, the reads and the backfill migration's copy of it.
 */
export const dimensionsHashSql = (dimensions: string) => `CASE WHEN ${dimensions} = '{}'::jsonb THEN '' ELSE md5((${dimensions})::text) END`;
