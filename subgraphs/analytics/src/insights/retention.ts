import { dateTimeSchema } from '@codex/kit';
import { z } from 'zod';
import { personExpression } from './filters.ts';
import { eventNameSchema, insightLimits, type InsightSource } from './insight-source.ts';

const { retentionPeriods } = insightLimits;
const unitMs = { DAY: 86_400_000, WEEK: 7 * 86_400_000 } as const;
/** 1970-01-05 was a Monday: week periods start on Mondays, UTC. */
const mondayMs = 4 * 86_400_000;

export const retentionInputSchema = z
  .object({
    startEvent: eventNameSchema,
    returnEvent: eventNameSchema,
    granularity: z.enum(['DAY', 'WEEK']),
    from: dateTimeSchema,
    periods: z
      .number()
      .int('retention periods limit: must be a whole number')
      .min(1, 'retention periods limit: at least 1'),
  })
  .refine((input) => input.periods <= retentionPeriods[input.granularity], {
    message: `retention periods limit: at most ${retentionPeriods.DAY} DAY or ${retentionPeriods.WEEK} WEEK periods`,
    path: ['periods'],
  });

export type RetentionQuery = z.output<typeof retentionInputSchema>;

export interface RetentionResult {
  granularity: RetentionQuery['granularity'];
  cohorts: { periodStart: Date; size: number; retained: number[] }[];
}

/** The first period's start: `from` rounded down to its UTC day, or to its week's Monday. */
export function retentionStart(from: Date, granularity: RetentionQuery['granularity']): Date {
  const unit = unitMs[granularity];
  const origin = granularity === 'WEEK' ? mondayMs : 0;
  return new Date(Math.floor((from.getTime() - origin) / unit) * unit + origin);
}

/**
 * One statement: each person's first start event in the range gives their cohort (a period index);
 * their return events' period indexes, deduplicated, give the offsets they came back at.
 */
const retentionSql = `WITH ev AS (
    SELECT ${personExpression} AS person, e.name,
      floor(extract(epoch FROM e.occurred_at - $2::timestamptz) / $4::float8)::int AS period
    FROM events e
    WHERE e.tenant_id = $1::uuid AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
      AND e.name IN ($5, $6) AND ${personExpression} IS NOT NULL),
  cohort AS (SELECT person, min(period) AS cohort FROM ev WHERE name = $5 GROUP BY person),
  returned AS (
    SELECT DISTINCT c.person, c.cohort, r.period - c.cohort AS offset_
    FROM cohort c JOIN ev r ON r.person = c.person AND r.name = $6 AND r.period > c.cohort)
  SELECT cohort, 0 AS offset_, count(*)::int AS persons FROM cohort GROUP BY cohort
  UNION ALL
  SELECT cohort, offset_, count(*)::int FROM returned GROUP BY cohort, offset_`;

export async function computeRetention(source: InsightSource, query: RetentionQuery): Promise<RetentionResult> {
  const unit = unitMs[query.granularity];
  const start = retentionStart(query.from, query.granularity);
  const end = new Date(start.getTime() + query.periods * unit);
  const rows = await source.rows<{ cohort: number; offset_: number; persons: number }>(retentionSql, [
    source.tenantId,
    start,
    end,
    unit / 1000,
    query.startEvent,
    query.returnEvent,
  ]);
  const cohorts = Array.from({ length: query.periods }, (_, index) => ({
    periodStart: new Date(start.getTime() + index * unit),
    size: 0,
    retained: new Array<number>(query.periods - index).fill(0),
  }));
  for (const row of rows) {
    const cohort = cohorts[row.cohort]!;
    cohort.retained[row.offset_] = row.persons;
    if (row.offset_ === 0) cohort.size = row.persons;
  }
  return { granularity: query.granularity, cohorts };
}
