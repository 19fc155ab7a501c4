import { useEffect } from 'react';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';
import { slugFrom } from './content-type-form.ts';

/**
 * Proposes the slug from the name as it is typed, until the person edits the slug themselves (the
 * proposal leaves the field untouched, so it keeps following).
 */
export function useSlugFrom<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, unknown>,
  source: Path<Values>,
  slug: Path<Values>,
) {
  const text = form.watch(source);
  useEffect(() => {
    if (!form.getFieldState(slug).isDirty)
      form.setValue(slug, slugFrom(String(text ?? '')) as PathValue<Values, Path<Values>>);
  }, [form, text, slug]);
}
