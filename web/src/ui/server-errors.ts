import type { ErrorLike } from '@apollo/client';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { type ApiErrorLine, apiErrorLines } from './api-errors.ts';

/**
 * The form field an API error belongs to: `extensions.field` without the argument prefix
 * (`input.email` → `email`, `input.data.price` → `data.price`), if the form has such a field.
 */
export function formFieldOf(line: ApiErrorLine, fields: readonly string[], prefix = 'input.'): string | undefined {
  if (!line.field) return undefined;
  const name = line.field.startsWith(prefix) ? line.field.slice(prefix.length) : line.field;
  return fields.includes(name) ? name : undefined;
}

/**
 * Puts each error that names one of `fields` on that field; returns the errors that name none, for
 * a banner. Nothing is lost: an error is either on a field or returned.
 */
export function placeServerErrors<Values extends FieldValues>(
  error: ErrorLike,
  setError: UseFormSetError<Values>,
  fields: readonly Path<Values>[],
  prefix = 'input.',
): ApiErrorLine[] {
  const unplaced: ApiErrorLine[] = [];
  for (const line of apiErrorLines(error)) {
    const field = formFieldOf(line, fields, prefix) as Path<Values> | undefined;
    if (field) setError(field, { type: 'server', message: line.message }, { shouldFocus: true });
    else unplaced.push(line);
  }
  return unplaced;
}
