import { createByIdLoader, createMapLoader, isUuid, type DataScope } from '@codex/kit';
import type DataLoader from 'dataloader';
import { newestPerParent } from './child-lists.ts';
import { leadRecordsByIds } from './lead-records.ts';
import type { CrmDatabase, PipelineStage } from './db.ts';
import { emptyCrmSummary, summariseTenants } from './tenant-summary.ts';

/** Every stage of each pipeline, in order: one query per batch of pipelines (stages per pipeline are bounded). */
async function stagesOfPipelines(
  db: CrmDatabase,
  pipelineIds: readonly string[],
): Promise<Map<string, PipelineStage[]>> {
  const stages = await db.pipelineStage.findMany({
    where: { pipelineId: { in: pipelineIds.filter(isUuid) } },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
  const grouped = new Map<string, PipelineStage[]>();
  for (const stage of stages) grouped.set(stage.pipelineId, [...(grouped.get(stage.pipelineId) ?? []), stage]);
  return grouped;
}

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export function createCrmLoaders(db: CrmDatabase, scope: DataScope) {
  const leadsByIds = (ids: string[]) => leadRecordsByIds(db, ids);
  const interactionsByIds = (ids: string[]) => db.interaction.findMany({ where: { id: { in: ids } } });
  return {
    tenantSummary: createMapLoader(
      (tenantIds: readonly string[]) => summariseTenants(db, scope, tenantIds),
      emptyCrmSummary,
    ),
    customerById: createByIdLoader((ids) => db.customer.findMany({ where: { id: { in: ids } } })),
    leadById: createByIdLoader(leadsByIds),
    pipelineById: createByIdLoader((ids) => db.pipeline.findMany({ where: { id: { in: ids } } })),
    stageById: createByIdLoader((ids) => db.pipelineStage.findMany({ where: { id: { in: ids } } })),
    interactionById: createByIdLoader(interactionsByIds),
    stagesOfPipeline: createMapLoader(
      (ids: readonly string[]) => stagesOfPipelines(db, ids),
      (): PipelineStage[] => [],
    ),
    leadsOfCustomer: newestPerParent(db, scope, { table: 'leads', keyColumn: 'customer_id' }, leadsByIds),
    leadsOfAssignee: newestPerParent(db, scope, { table: 'leads', keyColumn: 'assignee_id' }, leadsByIds),
    interactionsOfCustomer: newestPerParent(
      db,
      scope,
      { table: 'interactions', keyColumn: 'customer_id' },
      interactionsByIds,
    ),
    interactionsOfLead: newestPerParent(db, scope, { table: 'interactions', keyColumn: 'lead_id' }, interactionsByIds),
  };
}
export type CrmLoaders = ReturnType<typeof createCrmLoaders>;

/** A row by id through its loader: null for ids that are not UUIDs, missing or outside the scope. */
export const loadById = <T>(loader: DataLoader<string, T | null>, id: string): Promise<T | null> | null =>
  isUuid(id) ? loader.load(id) : null;
