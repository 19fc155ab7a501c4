import { z } from 'zod';
import { eventNameSchema, insightLimits, limitedInt, periodSchema, type InsightSource } from './insight-source.ts';

const { pathDepth, paths, pathsPeriodDays } = insightLimits;

export const pathsInputSchema = z
  .object({
    startEvent: eventNameSchema,
    depth: limitedInt(1, pathDepth, 'path depth').default(pathDepth),
    first: limitedInt(1, paths, 'paths').default(10),
  })
  .and(periodSchema(pathsPeriodDays));

export type PathsQuery = z.output<typeof pathsInputSchema>;

export interface EventPath {
  events: string[];
  count: number;
}

/**
 * One statement over the sessions that hold the start event: each start event with the next
 * `depth` events of its session (ordered by time, then id), counted per sequence. A sequence cut
 * short by the session's end is its own, shorter path; a start event with nothing after it is none.
 */
function pathsSql(depth: number): string {
  const next = Array.from({ length: depth }, (_, i) => `lead(e.name, ${i + 1}) OVER w AS n${i + 1}`);
  const columns = Array.from({ length: depth }, (_, i) => `n${i + 1}`);
  return `SELECT array_remove(ARRAY[${columns.join(', ')}], NULL) AS events, count(*)::int AS count
    FROM (
      SELECT e.name, ${next.join(', ')}
      FROM events e
      WHERE e.tenant_id = $1::uuid AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
        AND e.session_id IN (
          SELECT s.session_id FROM events s
          WHERE s.tenant_id = $1::uuid AND s.name = $4 AND s.occurred_at >= $2::timestamptz
            AND s.occurred_at < $3::timestamptz AND s.session_id IS NOT NULL)
      WINDOW w AS (PARTITION BY e.session_id ORDER BY e.occurred_at, e.id)) steps
    WHERE name = $4 AND n1 IS NOT NULL
    GROUP BY ${columns.join(', ')}
    ORDER BY count DESC, ${columns.map((column) => `${column} COLLATE "C" NULLS FIRST`).join(', ')}
    LIMIT $5`;
}

export const computePaths = (source: InsightSource, query: PathsQuery): Promise<EventPath[]> =>
  source.rows<EventPath>(pathsSql(query.depth), [source.tenantId, query.from, query.to, query.startEvent, query.first]);
