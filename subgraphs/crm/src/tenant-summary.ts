import { withReadScope, type DataScope } from '@codex/kit';
import type { CrmDatabase } from './db.ts';
import { summaryRows, type FigureRow, type StageRow, type SummaryGrouping } from './summary-sql.ts';

/** An amount in one currency, exact, 2 decimals. */
export interface Money {
  amount: string;
  currency: string;
}

export interface LeadStageSummary {
  stageId: string | null;
  stageName: string;
  pipelineName: string;
  openLeads: number;
  value: Money[];
}

export interface TenantCrmSummary {
  totalCustomers: number;
  totalLeads: number;
  openLeads: number;
  wonLeads: number;
  lostLeads: number;
  pipelineValue: Money[];
  weightedPipelineValue: Money[];
  averageProbability: string | null;
  wonValue: Money[];
  leadsByStage: LeadStageSummary[];
}

export const emptyCrmSummary = (): TenantCrmSummary => ({
  totalCustomers: 0,
  totalLeads: 0,
  openLeads: 0,
  wonLeads: 0,
  lostLeads: 0,
  pipelineValue: [],
  weightedPipelineValue: [],
  averageProbability: null,
  wonValue: [],
  leadsByStage: [],
});

/** `sum / count` rounded half-up to 2 decimals, in integers (exact whatever the figures). */
export function meanWithTwoDecimals(sum: bigint, count: number): string | null {
  if (count === 0) return null;
  const hundredths = (sum * 200n + BigInt(count)) / (BigInt(count) * 2n);
  const digits = hundredths.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const byCurrency = (a: Money, b: Money) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);

interface Accumulated {
  summary: TenantCrmSummary;
  probabilitySum: bigint;
}

function addFigure(entry: Accumulated, row: FigureRow): void {
  const { summary } = entry;
  if (row.status === 'CUSTOMERS') {
    summary.totalCustomers += row.count;
    return;
  }
  summary.totalLeads += row.count;
  if (row.status === 'OPEN') {
    summary.openLeads += row.count;
    summary.pipelineValue.push({ amount: row.value, currency: row.currency });
    summary.weightedPipelineValue.push({ amount: row.weightedValue, currency: row.currency });
    entry.probabilitySum += BigInt(row.probabilitySum);
  } else if (row.status === 'WON') {
    summary.wonLeads += row.count;
    summary.wonValue.push({ amount: row.value, currency: row.currency });
  } else if (row.status === 'LOST') {
    summary.lostLeads += row.count;
  }
}

/** Rows of one key (stage, currency) folded into stage entries, by pipeline name then stage position. */
function stagesOf(rows: StageRow[]): LeadStageSummary[] {
  const stages = new Map<string, LeadStageSummary & { position: number }>();
  for (const row of rows) {
    const key = JSON.stringify([row.pipelineName, row.stageId ?? row.stageName]);
    const stage = stages.get(key) ?? {
      stageId: row.stageId,
      stageName: row.stageName,
      pipelineName: row.pipelineName,
      openLeads: 0,
      value: [],
      position: row.position,
    };
    stage.openLeads += row.count;
    stage.position = Math.min(stage.position, row.position);
    stage.value.push({ amount: row.value, currency: row.currency });
    stages.set(key, stage);
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...stages.values()]
    .sort(
      (a, b) =>
        compare(a.pipelineName, b.pipelineName) ||
        a.position - b.position ||
        compare(a.stageName, b.stageName) ||
        compare(a.stageId ?? '', b.stageId ?? ''),
    )
    .map(({ position: _position, ...stage }) => ({ ...stage, value: stage.value.sort(byCurrency) }));
}

/** Summaries per key from the two statements' rows. */
function assemble(figures: FigureRow[], stages: StageRow[]): Map<string, TenantCrmSummary> {
  const entries = new Map<string, Accumulated>();
  const entryOf = (key: string) => {
    const existing = entries.get(key);
    if (existing) return existing;
    const created = { summary: emptyCrmSummary(), probabilitySum: 0n };
    entries.set(key, created);
    return created;
  };
  for (const row of figures) addFigure(entryOf(row.key), row);
  const stagesByKey = new Map<string, StageRow[]>();
  for (const row of stages) stagesByKey.set(row.key, [...(stagesByKey.get(row.key) ?? []), row]);
  for (const [key, rows] of stagesByKey) entryOf(key).summary.leadsByStage = stagesOf(rows);
  return new Map(
    [...entries].map(([key, { summary, probabilitySum }]) => [
      key,
      {
        ...summary,
        averageProbability: meanWithTwoDecimals(probabilitySum, summary.openLeads),
        pipelineValue: summary.pipelineValue.sort(byCurrency),
        weightedPipelineValue: summary.weightedPipelineValue.sort(byCurrency),
        wonValue: summary.wonValue.sort(byCurrency),
      },
    ]),
  );
}

async function summarise(
  db: CrmDatabase,
  scope: DataScope,
  grouping: SummaryGrouping,
  withStages = true,
): Promise<Map<string, TenantCrmSummary>> {
  const { figures, stages } = await withReadScope(db, scope, (tx) => summaryRows(tx, grouping, withStages));
  return assemble(figures, stages);
}

/**
 * CRM figures of many tenants from the stats tables the triggers keep (never the leads or
 * customers themselves): one statement per batch, whatever the number of tenants.
 * Row-level security shows a tenant-scoped caller its own tenant's rows only.
 */
export function summariseTenants(
  db: CrmDatabase,
  scope: DataScope,
  tenantIds: readonly string[],
): Promise<Map<string, TenantCrmSummary>> {
  return summarise(db, scope, { kind: 'tenants', tenantIds });
}

/**
 * The same figures summed across every tenant the scope sees (SUPERADMIN: all); `leadsByStage`
 * stays empty unless `withStages` (the caller asked for it).
 */
export async function summarisePlatform(
  db: CrmDatabase,
  scope: DataScope,
  withStages = true,
): Promise<TenantCrmSummary> {
  const summaries = await summarise(db, scope, { kind: 'platform' }, withStages);
  return summaries.get('platform') ?? emptyCrmSummary();
}
