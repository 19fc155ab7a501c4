import { badInput } from '@codex/kit';
import { z } from 'zod';
import type { PropertyFilter } from '../generated/graphql.ts';
import { createSqlParams, eventConditions, personExpression, propertyRef, propertyText, type Sql } from './filters.ts';
import { eventNameSchema, insightLimits, limitedInt, periodSchema, type InsightSource } from './insight-source.ts';

const { funnelSteps, conversionWindowSeconds, periodDays, breakdownValues } = insightLimits;

export const funnelInputSchema = z
  .object({
    steps: z
      // Filters are checked where they become SQL (`eventConditions`, naming `input.steps.N.filters`).
      .array(z.object({ name: eventNameSchema, filters: z.array(z.unknown()).nullish() }))
      .min(2, 'funnel steps limit: at least 2')
      .max(funnelSteps, `funnel steps limit: at most ${funnelSteps}`),
    conversionWindowSeconds: limitedInt(1, conversionWindowSeconds, 'conversion window').default(86_400),
    breakdown: z.string().nullish(),
  })
  .and(periodSchema(periodDays));

export type FunnelQuery = z.output<typeof funnelInputSchema>;

export interface FunnelStep {
  name: string;
  entered: number;
  converted: number | null;
  conversionRate: number | null;
  medianSecondsToConvert: number | null;
}

export interface FunnelResult {
  steps: FunnelStep[];
  breakdown: { value: string | null; steps: FunnelStep[] }[];
}

/** A row per breakdown value and one total (`total` true): entrants per step, median seconds per step pair. */
type FunnelRow = { total: boolean; value: string | null } & Record<
  `entered${number}` | `median${number}`,
  number | null
>;

/**
 * One statement: `ev` holds the events of any step in reach (a step-match flag each); `s1` each
 * person's first step-1 event in the period; each `sK` joins a person's earliest step-K event after
 * step K-1 and within the window of step 1. Totals and breakdown rows come from one GROUPING SETS.
 */
export function funnelSql(query: FunnelQuery, tenantId: string): { sql: Sql; params: unknown[] } {
  const params = createSqlParams();
  const [tenant, from, to] = [
    params.add(tenantId, 'uuid'),
    params.add(query.from.toISOString(), 'timestamptz'),
    params.add(query.to.toISOString(), 'timestamptz'),
  ];
  const window = `make_interval(secs => ${params.add(query.conversionWindowSeconds, 'int')})`;
  const flags = query.steps.map((step, index) => {
    const filters = eventConditions(step.filters as PropertyFilter[], params, `input.steps.${index}.filters`);
    return `(e.name = ${params.add(step.name, 'text')} AND ${filters}) AS m${index + 1}`;
  });
  const breakdown = query.breakdown
    ? propertyText(propertyRef(query.breakdown, 'input.breakdown'), params)
    : 'NULL::text';
  const n = query.steps.length;
  const sql = `WITH ev AS MATERIALIZED (
      SELECT ${personExpression} AS person, e.occurred_at AS t, e.id, ${breakdown} AS bd, ${flags.join(', ')}
      FROM events e
      WHERE e.tenant_id = ${tenant} AND e.occurred_at >= ${from} AND e.occurred_at < ${to} + ${window}
        AND e.name = ANY(${params.add(
          query.steps.map((step) => step.name),
          'text[]',
        )})
        AND ${personExpression} IS NOT NULL),
    s1 AS (
      SELECT DISTINCT ON (person) person, t AS t1, bd FROM ev
      WHERE m1 AND t < ${to} ORDER BY person, t, id),
    ${laterSteps(n, window)}
    SELECT grouping(bd) = 1 AS total, bd AS value, ${stepFigures(n)}
    FROM s${n} GROUP BY GROUPING SETS ((), (bd))`;
  return { sql, params: params.values };
}

/** `s2` … `sN`: each person's earliest step-K event after step K-1, within the window of step 1. */
const laterSteps = (n: number, window: Sql) =>
  Array.from({ length: n - 1 }, (_, offset) => {
    const k = offset + 2;
    const carried = ['person', 't1', 'bd', ...Array.from({ length: k - 2 }, (_, i) => `t${i + 2}`)];
    const columns = carried.map((column) => `s.${column}`).join(', ');
    return `s${k} AS (
      SELECT ${columns}, min(ev.t) AS t${k}
      FROM s${k - 1} s LEFT JOIN ev ON ev.person = s.person AND ev.m${k}
        AND ev.t > s.t${k - 1} AND ev.t <= s.t1 + ${window}
      GROUP BY ${columns})`;
  }).join(',\n    ');

/** Entrants per step, and the median seconds between each step and the next. */
const stepFigures = (n: number) =>
  [
    ...Array.from({ length: n }, (_, i) => `count(t${i + 1})::int AS entered${i + 1}`),
    ...Array.from(
      { length: n - 1 },
      (_, i) =>
        `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t${i + 2} - t${i + 1})::float8) AS median${i + 1}`,
    ),
  ].join(', ');

const stepsOf = (query: FunnelQuery, row: FunnelRow | undefined): FunnelStep[] =>
  query.steps.map((step, index) => {
    const last = index === query.steps.length - 1;
    const entered = row?.[`entered${index + 1}`] ?? 0;
    const converted = last ? null : (row?.[`entered${index + 2}`] ?? 0);
    return {
      name: step.name,
      entered,
      converted,
      conversionRate: converted === null ? null : entered === 0 ? 0 : converted / entered,
      medianSecondsToConvert: last ? null : (row?.[`median${index + 1}`] ?? null),
    };
  });

/** Breakdown rows: most entrants first, then value (null last). */
const byEntrants = (a: FunnelRow, b: FunnelRow) =>
  (b.entered1 ?? 0) - (a.entered1 ?? 0) ||
  (a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

export async function computeFunnel(source: InsightSource, query: FunnelQuery): Promise<FunnelResult> {
  const { sql, params } = funnelSql(query, source.tenantId);
  const rows = await source.rows<FunnelRow>(sql, params);
  const groups = rows.filter((row) => !row.total).sort(byEntrants);
  if (groups.length > breakdownValues)
    throw badInput(`breakdown cardinality limit: more than ${breakdownValues} values`, 'input.breakdown');
  return {
    steps: stepsOf(
      query,
      rows.find((row) => row.total),
    ),
    breakdown: query.breakdown ? groups.map((row) => ({ value: row.value, steps: stepsOf(query, row) })) : [],
  };
}
