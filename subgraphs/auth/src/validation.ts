import { badInput } from '@codex/kit';
import { z } from 'zod';

/** Parses an argument with `schema`; the first problem becomes BAD_USER_INPUT with its path (e.g. `input.slug`) in `extensions.field`. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, argument: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [argument, ...(issue?.path ?? []).map(String)].join('.');
  throw badInput(issue ? `${field}: ${issue.message}` : `${argument} is invalid`, field);
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' }));
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters');
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
