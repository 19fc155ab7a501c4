import { z } from 'zod';

/** CRM's pipeline columns (prisma/crm): names of 200 characters, at most 50 stages a pipeline. */
export const pipelineLimits = { name: 200, stages: 50 } as const;

const name = z.string().trim().min(1, 'Required').max(pipelineLimits.name, `At most ${pipelineLimits.name} characters`);

/** Stage names typed one per line: blank lines are skipped. */
export const stageNames = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The lines checked as the API will: 1–50 names, each unique and not too long. */
const stageLines = z.string().superRefine((text, context) => {
  const names = stageNames(text);
  const problem =
    names.length === 0
      ? 'At least one stage'
      : names.length > pipelineLimits.stages
        ? `At most ${pipelineLimits.stages} stages`
        : names.some((each) => each.length > pipelineLimits.name)
          ? `Each name at most ${pipelineLimits.name} characters`
          : new Set(names).size !== names.length
            ? 'Each stage needs its own name'
            : null;
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const newPipelineSchema = z.object({ name, stages: stageLines });
export type NewPipelineValues = z.input<typeof newPipelineSchema>;
export const emptyPipelineForm: NewPipelineValues = { name: '', stages: 'New\nQualified\nProposal' };

export const pipelineNameSchema = z.object({ name });
export type PipelineNameValues = z.input<typeof pipelineNameSchema>;

export const stageFormSchema = z.object({
  name,
  probability: z.coerce
    .number({ error: 'A whole number from 0 to 100' })
    .int('A whole number from 0 to 100')
    .min(0, 'A whole number from 0 to 100')
    .max(100, 'A whole number from 0 to 100'),
});
export type StageFormValues = z.input<typeof stageFormSchema>;
export type StageInput = z.output<typeof stageFormSchema>;
