import {
  auditRow,
  conflict,
  findById,
  inputSchema,
  loadTenantPage,
  parseInput,
  requireIdentity,
  targetTenantId,
  withScope,
  type PageArgs,
} from '@codex/kit';
import { z } from 'zod';
import type { CrmRequest, CrmTx } from './request.ts';
import type { Pipeline } from './db.ts';
import type { CreatePipelineInput, UpdatePipelineInput } from './generated/graphql.ts';
import { lockFor, mapNameConflict, pipelineNameSchema, stageListSchema } from './pipeline-rules.ts';
import { lookupIdSchema, omittable } from './validation.ts';

const createPipelineInput = inputSchema<CreatePipelineInput>()(
  z.object({
    name: pipelineNameSchema,
    stages: stageListSchema,
    isDefault: z.boolean().nullish(),
    tenantId: lookupIdSchema.nullish(),
  }),
);
const updatePipelineInput = inputSchema<UpdatePipelineInput>()(z.object({ name: omittable(pipelineNameSchema) }));

export const listPipelines = (request: CrmRequest, args: PageArgs & { tenantId?: string | null }) =>
  loadTenantPage(request, args, request.db.pipeline);

/** The pipeline `id` in scope, else NOT_FOUND. */
export async function existingPipeline(tx: CrmTx, id: string): Promise<Pipeline> {
  const pipeline = await findById(tx.pipeline, id, 'Pipeline');
  return pipeline;
}

/** Default changes of a tenant run one at a time: the partial unique index would refuse a second default anyway. */
const lockDefault = (tx: CrmTx, tenantId: string) => lockFor(tx, `default-pipeline:${tenantId}`);

/** The tenant's first pipeline (or the first while it has no default) becomes its default. */
export async function createPipeline(request: CrmRequest, input: CreatePipelineInput): Promise<Pipeline> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createPipelineInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  const write = withScope(request.db, request.dataScope, async (tx) => {
    await lockDefault(tx, tenantId);
    const current = await tx.pipeline.findFirst({ where: { tenantId, isDefault: true }, select: { id: true } });
    const isDefault = data.isDefault === true || !current;
    if (isDefault && current) await tx.pipeline.update({ where: { id: current.id }, data: { isDefault: false } });
    const pipeline = await tx.pipeline.create({ data: { tenantId, name: data.name, isDefault } });
    const stages = data.stages.map((stage, position) => ({
      tenantId,
      pipelineId: pipeline.id,
      name: stage.name,
      position,
      probability: stage.probability ?? 0,
    }));
    await tx.pipelineStage.createMany({ data: stages });
    await auditRow(tx, request, 'pipeline.create', 'Pipeline', pipeline, {
      name: pipeline.name,
      isDefault,
      stages: stages.map(({ name, probability }) => ({ name, probability })),
      previousDefaultId: isDefault ? current?.id : undefined,
    });
    return pipeline;
  });
  return mapNameConflict(write, 'input.name');
}

export async function updatePipeline(request: CrmRequest, id: string, input: UpdatePipelineInput): Promise<Pipeline> {
  const data = parseInput(updatePipelineInput, input, 'input');
  const write = withScope(request.db, request.dataScope, async (tx) => {
    const pipeline = await existingPipeline(tx, id);
    const updated = await tx.pipeline.update({ where: { id: pipeline.id }, data });
    await auditRow(tx, request, 'pipeline.update', 'Pipeline', pipeline, data);
    return updated;
  });
  return mapNameConflict(write, 'input.name');
}

/** The previous default stops being one in the same transaction. */
export function setDefaultPipeline(request: CrmRequest, id: string): Promise<Pipeline> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const found = await existingPipeline(tx, id);
    await lockDefault(tx, found.tenantId);
    // Read again under the lock: another request may have changed the default meanwhile.
    const pipeline = await existingPipeline(tx, id);
    if (pipeline.isDefault) return pipeline;
    const previous = await tx.pipeline.findFirst({
      where: { tenantId: pipeline.tenantId, isDefault: true },
      select: { id: true },
    });
    if (previous) await tx.pipeline.update({ where: { id: previous.id }, data: { isDefault: false } });
    const updated = await tx.pipeline.update({ where: { id: pipeline.id }, data: { isDefault: true } });
    await auditRow(tx, request, 'pipeline.set_default', 'Pipeline', pipeline, {
      previousDefaultId: previous?.id ?? null,
    });
    return updated;
  });
}

/** Refused while leads use it, and for the default while the tenant has other pipelines. */
export function deletePipeline(request: CrmRequest, id: string): Promise<boolean> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const found = await existingPipeline(tx, id);
    await lockDefault(tx, found.tenantId);
    const pipeline = await existingPipeline(tx, id);
    if ((await tx.lead.count({ where: { pipelineId: pipeline.id } })) > 0)
      throw conflict('Leads are in this pipeline: move or delete them first', 'id');
    const others = await tx.pipeline.count({ where: { tenantId: pipeline.tenantId, id: { not: pipeline.id } } });
    if (pipeline.isDefault && others > 0)
      throw conflict('This is the default pipeline: make another one the default first', 'id');
    await tx.pipeline.delete({ where: { id: pipeline.id } });
    await auditRow(tx, request, 'pipeline.delete', 'Pipeline', pipeline, { name: pipeline.name });
    return true;
  });
}
