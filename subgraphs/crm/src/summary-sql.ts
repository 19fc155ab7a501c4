import { isUuid, readRowSets } from '@codex/kit';
import type { CrmTx } from './request.ts';

/** Per-tenant figures for some tenants, or one row set summed across every visible tenant ('platform'). */
export type SummaryGrouping = { kind: 'tenants'; tenantIds: readonly string[] } | { kind: 'platform' };

/**
 * Counts and sums per key, status and currency. `status` 'CUSTOMERS' carries the customer count.
 * Money is summed exactly and rounded half-up once (PostgreSQL rounds numeric half away from zero;
 * amounts are never negative).
 */
export interface FigureRow {
  key: string;
  status: 'CUSTOMERS' | 'OPEN' | 'WON' | 'LOST';
  currency: string;
  count: number;
  value: string;
  weightedValue: string;
  probabilitySum: string;
}

/** OPEN leads of one stage (platform: of one pipeline and stage name) in one currency. */
export interface StageRow {
  key: string;
  stageId: string | null;
  stageName: string;
  pipelineName: string;
  position: number;
  currency: string;
  count: number;
  value: string;
}

interface Shape {
  key: string;
  where: string;
  parameters: unknown[];
}

function shapeOf(grouping: SummaryGrouping): Shape {
  if (grouping.kind === 'platform') return { key: `'platform'`, where: 'true', parameters: [] };
  return {
    key: 's.tenant_id::text',
    where: 's.tenant_id = ANY($1::uuid[])',
    parameters: [[...new Set(grouping.tenantIds.filter(isUuid))]],
  };
}

const figuresSql = ({ key, where }: Shape) => `
  SELECT ${key} AS key, 'CUSTOMERS' AS status, '' AS currency, sum(s.customers)::int AS count,
         '0' AS value, '0' AS "weightedValue", '0' AS "probabilitySum"
  FROM crm_tenant_stats s WHERE ${where}
  GROUP BY 1 HAVING sum(s.customers) > 0
  UNION ALL
  SELECT ${key}, s.status::text, s.currency, sum(s.leads)::int,
         round(sum(s.value), 2)::text, round(sum(s.weighted_value) / 100, 2)::text, sum(s.probability_sum)::text
  FROM crm_lead_stats s WHERE ${where}
  GROUP BY 1, 2, 3`;

// Stage and pipeline names are joined at read time, so a rename shows at once. The stats rows are
// summed per stage first, then each sum looks up its stage and pipeline by primary key (LATERAL
// with OFFSET 0, which the planner keeps as such). Under row-level security the planner expects a
// few rows where the platform sum has thousands, and joined the tables the other way round: every
// stage of every tenant compared with every sum (5.5 s across 1,000 tenants).
const stagesSql = ({ key, where }: Shape, platform: boolean) => `
  WITH open AS MATERIALIZED (
    SELECT ${key} AS key, s.stage_id, s.currency, sum(s.leads) AS leads, sum(s.value) AS value
    FROM crm_lead_stats s
    WHERE s.status = 'OPEN' AND ${where}
    GROUP BY 1, 2, 3
  )
  SELECT o.key, ${platform ? 'NULL::text' : 'st.id::text'} AS "stageId", st.name AS "stageName", p.name AS "pipelineName",
         min(st.position)::int AS position, o.currency, sum(o.leads)::int AS count, round(sum(o.value), 2)::text AS value
  FROM open o
  CROSS JOIN LATERAL (SELECT st.id, st.name, st.position, st.pipeline_id FROM pipeline_stages st WHERE st.id = o.stage_id OFFSET 0) st
  CROSS JOIN LATERAL (SELECT p.name FROM pipelines p WHERE p.id = st.pipeline_id OFFSET 0) p
  GROUP BY 1, 2, 3, 4, 6`;

/**
 * A summary's figures and open stages in one statement on the stats tables only (`readRowSets`:
 * one round trip instead of two), in the caller's scoped transaction. Stages are left out (empty)
 * when the caller does not ask for them: across every tenant they are the costly part, thousands
 * of stats rows each joined to its stage and pipeline.
 */
export async function summaryRows(
  tx: CrmTx,
  grouping: SummaryGrouping,
  withStages = true,
): Promise<{ figures: FigureRow[]; stages: StageRow[] }> {
  const shape = shapeOf(grouping);
  if (grouping.kind === 'tenants' && (shape.parameters[0] as string[]).length === 0) return { figures: [], stages: [] };
  const stages = withStages ? stagesSql(shape, grouping.kind === 'platform') : 'SELECT 1 WHERE false';
  return readRowSets<{ figures: FigureRow[]; stages: StageRow[] }>(
    tx,
    { figures: figuresSql(shape), stages },
    shape.parameters,
  );
}
