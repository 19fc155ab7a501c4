import { useId } from 'react';
import { FormPanel } from '../ui/FormPanel.tsx';
import { TextField } from '../ui/FormField.tsx';
import { type EditFormProps, useEditForm } from '../ui/use-api-form.ts';
import {
  type NewPipelineValues,
  newPipelineSchema,
  type PipelineNameValues,
  pipelineNameSchema,
  type StageFormValues,
  type StageInput,
  stageFormSchema,
  stageNames,
} from './pipeline-form.ts';

/** A new pipeline: its name and its stages, one per line, in board order. */
export function NewPipelineForm(props: EditFormProps<NewPipelineValues, { name: string; stages: string[] }>) {
  const { form, panel } = useEditForm(props, {
    schema: newPipelineSchema,
    fields: ['name', 'stages'],
    toSaved: (values) => ({ name: values.name, stages: stageNames(values.stages) }),
  });
  const stagesId = useId();
  const stagesError = form.formState.errors.stages?.message;
  return (
    <FormPanel {...panel}>
      <TextField form={form} name="name" label="Name" />
      <div className="mb-4">
        <label htmlFor={stagesId} className="block text-sm font-medium text-slate-800">
          Stages, one per line
        </label>
        <textarea
          id={stagesId}
          rows={5}
          aria-invalid={stagesError ? true : undefined}
          aria-describedby={stagesError ? `${stagesId}-error` : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-invalid:border-red-600"
          {...form.register('stages')}
        />
        {stagesError && (
          <p id={`${stagesId}-error`} className="mt-1 text-sm text-red-700">
            {stagesError}
          </p>
        )}
      </div>
    </FormPanel>
  );
}

export function PipelineNameForm(props: EditFormProps<PipelineNameValues>) {
  const { form, panel } = useEditForm(props, { schema: pipelineNameSchema, fields: ['name'], toSaved: (v) => v });
  return (
    <FormPanel {...panel}>
      <TextField form={form} name="name" label="Name" />
    </FormPanel>
  );
}

/** A stage's name and the probability its leads start with. */
export function StageForm(props: EditFormProps<StageFormValues, StageInput>) {
  const { form, panel } = useEditForm(props, {
    schema: stageFormSchema,
    fields: ['name', 'probability'],
    toSaved: (values) => values,
  });
  return (
    <FormPanel {...panel}>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="name" label="Stage name" />
        <TextField form={form} name="probability" label="Probability (%)" inputMode="numeric" />
      </div>
    </FormPanel>
  );
}
