import type { ErrorLike } from '@apollo/client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type DefaultValues, type FieldValues, type Path, useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiErrorLine } from './api-errors.ts';
import { placeServerErrors } from './server-errors.ts';

/**
 * A react-hook-form form checked by a zod schema, whose `save` may fail with API errors: those that
 * name a field (`extensions.field`) land on it, the rest come back for the form's banner. Spread
 * `panel` into `FormPanel`.
 */
export function useApiForm<Values extends FieldValues, Output>(options: {
  schema: z.ZodType<Output, Values>;
  defaultValues: DefaultValues<Values>;
  fields: readonly Path<Values>[];
  save: (values: Output) => Promise<unknown>;
}) {
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(options.schema),
    defaultValues: options.defaultValues,
  });
  const [unplaced, setUnplaced] = useState<ApiErrorLine[]>([]);
  const submit = form.handleSubmit(async (values) => {
    setUnplaced([]);
    try {
      await options.save(values);
    } catch (error) {
      setUnplaced(placeServerErrors(error as ErrorLike, form.setError, options.fields));
    }
  });
  return { form, panel: { submitting: form.formState.isSubmitting, errors: unplaced, onSubmit: submit } };
}

/**
 * What every create/edit form takes: its panel's title and button, the values it starts from, and
 * what saving and cancelling do. `Saved` is what `onSave` receives (the API input), when it differs.
 */
export interface EditFormProps<Initial, Saved = Initial> {
  title: string;
  submitLabel: string;
  initial: Initial;
  onSave: (saved: Saved) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * `useApiForm` for an edit form: starts from `props.initial`, saves through `props.onSave` (after
 * `toSaved`), and gives `panel` with the title, button and cancel, to spread into `FormPanel`.
 */
export function useEditForm<Values extends FieldValues, Output, Saved>(
  props: EditFormProps<DefaultValues<Values>, Saved>,
  options: {
    schema: z.ZodType<Output, Values>;
    fields: readonly Path<Values>[];
    toSaved: (values: Output) => Saved;
  },
) {
  const { form, panel } = useApiForm({
    schema: options.schema,
    defaultValues: props.initial,
    fields: options.fields,
    save: (values) => props.onSave(options.toSaved(values)),
  });
  return { form, panel: { ...panel, title: props.title, submitLabel: props.submitLabel, onCancel: props.onCancel } };
}
