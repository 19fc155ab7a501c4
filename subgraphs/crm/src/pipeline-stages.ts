import {
  auditRow,
  badInput,
  conflict,
  findById,
  inputSchema,
  isUuid,
  parseInput,
  recordAudit,
  withScope,
} from '@codex/kit';
import { z } from 'zod';
import type { CrmRequest, CrmTx } from './request.ts';
import type { Pipeline, PipelineStage } from './db.ts';
import type { AddPipelineStageInput, UpdatePipelineStageInput } from './generated/graphql.ts';
import { lockFor, mapNameConflict, maxStages, stageInputSchema, stageNameSchema } from './pipeline-rules.ts';
import { existingPipeline } from './pipelines.ts';
import { omittable, probabilitySchema } from './validation.ts';

const addStageInput = inputSchema<AddPipelineStageInput>()(
  stageInputSchema.extend({
    position: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(maxStages, `must be at most ${maxStages}`)
      .nullish(),
  }),
);
const updateStageInput = inputSchema<UpdatePipelineStageInput>()(
  z.object({ name: omittable(stageNameSchema), probability: omittable(probabilitySchema) }),
);

/**
 * Stage positions of a pipeline change one request at a time: they are read, then rewritten.
 * Stage writes also touch the pipeline's `updatedAt` (its board changed).
 */
async function lockStages(tx: CrmTx, pipelineId: string): Promise<void> {
  await lockFor(tx, `pipeline-stages:${pipelineId}`);
}

const stagesOf = (tx: CrmTx, pipelineId: string) =>
  tx.pipelineStage.findMany({ where: { pipelineId }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });

const touchPipeline = (tx: CrmTx, pipelineId: string) =>
  tx.pipeline.update({ where: { id: pipelineId }, data: { updatedAt: new Date() } });

/** The stage `id` in scope with its pipeline locked, else NOT_FOUND. */
async function lockedStage(tx: CrmTx, id: string): Promise<PipelineStage> {
  const stage = await findById(tx.pipelineStage, id, 'Pipeline stage');
  await lockStages(tx, stage.pipelineId);
  return stage;
}

/** Inserts the stage at `input.position` (default: last); the stages from there on move down one. */
export function addPipelineStage(
  request: CrmRequest,
  pipelineId: string,
  input: AddPipelineStageInput,
): Promise<Pipeline> {
  const data = parseInput(addStageInput, input, 'input');
  const write = withScope(request.db, request.dataScope, async (tx) => {
    const pipeline = await existingPipeline(tx, pipelineId);
    await lockStages(tx, pipeline.id);
    const count = await tx.pipelineStage.count({ where: { pipelineId: pipeline.id } });
    if (count >= maxStages) throw badInput(`A pipeline has at most ${maxStages} stages`, 'pipelineId');
    const position = data.position ?? count;
    if (position > count) throw badInput(`input.position: must be between 0 and ${count}`, 'input.position');
    await tx.pipelineStage.updateMany({
      where: { pipelineId: pipeline.id, position: { gte: position } },
      data: { position: { increment: 1 } },
    });
    const stage = await tx.pipelineStage.create({
      data: {
        tenantId: pipeline.tenantId,
        pipelineId: pipeline.id,
        name: data.name,
        position,
        probability: data.probability ?? 0,
      },
    });
    await recordAudit(tx, request, {
      tenantId: pipeline.tenantId,
      action: 'stage.create',
      entityType: 'PipelineStage',
      entityId: stage.id,
      changes: { pipelineId: pipeline.id, name: stage.name, position, probability: stage.probability },
    });
    return touchPipeline(tx, pipeline.id);
  });
  return mapNameConflict(write, 'input.name');
}

/** Renames a stage or changes its default probability (leads already in it keep theirs). */
export function updatePipelineStage(
  request: CrmRequest,
  id: string,
  input: UpdatePipelineStageInput,
): Promise<PipelineStage> {
  const data = parseInput(updateStageInput, input, 'input');
  const write = withScope(request.db, request.dataScope, async (tx) => {
    const stage = await lockedStage(tx, id);
    const updated = await tx.pipelineStage.update({ where: { id: stage.id }, data });
    await auditRow(tx, request, 'stage.update', 'PipelineStage', stage, data);
    await touchPipeline(tx, stage.pipelineId);
    return updated;
  });
  return mapNameConflict(write, 'input.name');
}

/** `stageIds` must name each stage of the pipeline exactly once. */
export function reorderPipelineStages(
  request: CrmRequest,
  pipelineId: string,
  stageIds: readonly string[],
): Promise<Pipeline> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const pipeline = await existingPipeline(tx, pipelineId);
    await lockStages(tx, pipeline.id);
    const stages = await stagesOf(tx, pipeline.id);
    const byId = new Map(stages.map((stage) => [stage.id, stage]));
    const ordered = stageIds.flatMap((stageId) => (isUuid(stageId) && byId.has(stageId) ? [byId.get(stageId)!] : []));
    if (
      ordered.length !== stages.length ||
      stageIds.length !== stages.length ||
      new Set(stageIds).size !== stageIds.length
    ) {
      throw badInput('stageIds must list each stage of the pipeline exactly once', 'stageIds');
    }
    for (const [position, stage] of ordered.entries()) {
      if (stage.position !== position) await tx.pipelineStage.update({ where: { id: stage.id }, data: { position } });
    }
    await auditRow(tx, request, 'stage.reorder', 'Pipeline', pipeline, { stageIds });
    return touchPipeline(tx, pipeline.id);
  });
}

/** Refused while leads are in the stage, and for the pipeline's last stage; the stages after it move up one. */
export function removePipelineStage(request: CrmRequest, id: string): Promise<Pipeline> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const stage = await lockedStage(tx, id);
    if ((await tx.lead.count({ where: { stageId: stage.id } })) > 0)
      throw conflict('Leads are in this stage: move them first', 'id');
    if ((await tx.pipelineStage.count({ where: { pipelineId: stage.pipelineId } })) === 1)
      throw conflict('A pipeline keeps at least one stage', 'id');
    await tx.pipelineStage.delete({ where: { id: stage.id } });
    await tx.pipelineStage.updateMany({
      where: { pipelineId: stage.pipelineId, position: { gt: stage.position } },
      data: { position: { decrement: 1 } },
    });
    await auditRow(tx, request, 'stage.delete', 'PipelineStage', stage, {
      pipelineId: stage.pipelineId,
      name: stage.name,
    });
    return touchPipeline(tx, stage.pipelineId);
  });
}
