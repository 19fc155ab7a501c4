import { badInput } from '@codex/kit';
import { emailSchema } from '@codex/kit';
import { z } from 'zod';

/** Every length Auth accepts, in one place (the columns are `text`; these are the API's limits). */
export const authLimits = {
  /** RFC 5321's limit on a forward path. */
  email: 254,
  password: 256,
  slug: 63,
  /** A SUPERADMIN's username is matched too; an e-mail's limit covers it. */
  loginName: 254,
  /** Opaque secrets and tokens we issue are far shorter; anything longer cannot be ours. */
  token: 512,
  scopes: 50,
  /** A uuid's 36 characters, with room to say "not found" rather than "too long" for near misses. */
  id: 64,
} as const;

export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(authLimits.password, `must be at most ${authLimits.password} characters`);

export const boundedEmailSchema = z
  .string()
  .max(authLimits.email, `must be at most ${authLimits.email} characters`)
  .pipe(emailSchema);

/** A SUPERADMIN's target tenant: `targetTenantId` checks it is a uuid (else "not found") before Prisma sees it. */
export const targetTenantSchema = z
  .string()
  .max(authLimits.id, `must be at most ${authLimits.id} characters`)
  .nullish();

/** Opaque strings we issued (reset tokens, client ids and secrets, device tokens). */
export const tokenSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(authLimits.token, `must be at most ${authLimits.token} characters`);

/** A password as presented for checking (never stored): bounded so argon2 never hashes megabytes. */
export const presentedPasswordSchema = z
  .string()
  .max(authLimits.password, `must be at most ${authLimits.password} characters`);

/** A login name as typed: an e-mail, or a SUPERADMIN's username. */
export const loginNameSchema = z
  .string()
  .max(authLimits.loginName, `must be at most ${authLimits.loginName} characters`);

/** Parses a field's arguments; the first problem becomes BAD_USER_INPUT naming the argument (e.g. `password`). */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.infer<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = (issue?.path ?? []).map(String).join('.') || 'arguments';
  throw badInput(issue ? `${field}: ${issue.message}` : 'invalid arguments', field);
}
