import { inputSchema, isUniqueViolation, nameSchema, uniqueNames, conflict } from '@codex/kit';
import { z } from 'zod';
import type { CrmTx } from './request.ts';
import { columnLimits } from './generated/column-limits.ts';
import type { PipelineStageInput } from './generated/graphql.ts';
import { crmLimits, probabilitySchema } from './validation.ts';

/** At most this many stages in a pipeline: boards stay readable and stage lists stay bounded. */
export const maxStages = crmLimits.stages;

export const pipelineNameSchema = nameSchema(columnLimits.Pipeline.name);
export const stageNameSchema = nameSchema(columnLimits.PipelineStage.name);

export const stageInputSchema = inputSchema<PipelineStageInput>()(
  z.object({ name: stageNameSchema, probability: probabilitySchema.nullish() }),
);

/** Stage names are unique within a pipeline (the database says so too; this names the field). */
export const stageListSchema = z
  .array(stageInputSchema)
  .min(1, 'a pipeline needs at least one stage')
  .max(maxStages, `at most ${maxStages} stages`)
  .superRefine(uniqueNames(() => 'must be unique within the pipeline'));

/**
 * Serialises the pipeline changes of one key (a tenant's default, a pipeline's stage positions)
 * until the transaction ends, so two concurrent edits cannot both read the old state.
 */
export async function lockFor(tx: CrmTx, key: string): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, `crm:${key}`);
}

/** A unique violation on pipelines or stages: the name (the only unique key the input sets). */
export async function mapNameConflict<T>(write: Promise<T>, field: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('The name is taken', field);
    throw error;
  }
}
