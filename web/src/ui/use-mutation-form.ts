import type { ErrorLike } from '@apollo/client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type DefaultValues, type FieldValues, type Path, type UseFormReturn, useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiErrorLine } from './api-errors.ts';
import { placeServerErrors } from './server-errors.ts';

export interface MutationForm<Values extends FieldValues> {
  form: UseFormReturn<Values, unknown, Values>;
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** Server errors no field claimed. */
  errors: ApiErrorLine[];
  submitting: boolean;
}

/**
 * A form validated by `schema` in the browser, whose submit runs a mutation; the server's
 * BAD_USER_INPUT errors land on the field `extensions.field` names (`input.<field>`), the rest in
 * `errors`. The form is reset after a successful submit.
 */
export function useMutationForm<Values extends FieldValues>(options: {
  schema: z.ZodType<Values, Values>;
  defaultValues: DefaultValues<Values>;
  submit: (values: Values) => Promise<unknown>;
  fieldPrefix?: string;
}): MutationForm<Values> {
  const form = useForm<Values, unknown, Values>({
    resolver: zodResolver(options.schema),
    defaultValues: options.defaultValues,
  });
  const [errors, setErrors] = useState<ApiErrorLine[]>([]);
  const onSubmit = form.handleSubmit(async (values) => {
    setErrors([]);
    try {
      await options.submit(values);
      form.reset(options.defaultValues);
    } catch (failure) {
      const fields = Object.keys(form.getValues()) as Path<Values>[];
      setErrors(placeServerErrors(failure as ErrorLike, form.setError, fields, options.fieldPrefix));
    }
  });
  return { form, onSubmit, errors, submitting: form.formState.isSubmitting };
}
