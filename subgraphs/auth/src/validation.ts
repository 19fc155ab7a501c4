import { boundedString, emailSchema, machineScopeFromName, machineScopeNames, nameSchema } from '@codex/kit';
import { z } from 'zod';
import { columnLimits } from './generated/column-limits.ts';

const { Tenant, User, ApiKey, MachineClient } = columnLimits;

/**
 * The lengths Auth accepts that no column states (secrets never stored as sent, ids that are looked
 * up); what lands in a column takes its length from `columnLimits`.
 */
export const authLimits = {
  password: 256,
  /** A SUPERADMIN's username is matched too; an e-mail's limit covers it. */
  loginName: 254,
  /** Opaque secrets and tokens we issue are far shorter; anything longer cannot be ours. */
  token: 512,
  scopes: 50,
  /** A uuid's 36 characters, with room to say "not found" rather than "too long" for near misses. */
  id: 64,
} as const;

/**
 * Machine scopes as the API takes them (`CRM_READ`) → the token form kept in rows and tokens
 * (`crm:read`), each once. GraphQL has refused names outside the enum already; the check stays
 * for callers that bypass it.
 */
export const machineScopesSchema = z
  .array(z.enum(machineScopeNames).transform(machineScopeFromName))
  .max(authLimits.scopes, `at most ${authLimits.scopes} scopes`)
  .transform((scopes) => [...new Set(scopes)]);

export const passwordSchema = boundedString(authLimits.password).min(8, 'must be at least 8 characters');

export const boundedEmailSchema = boundedString(User.email).pipe(emailSchema);

export const firstNameSchema = nameSchema(User.firstName);
export const lastNameSchema = nameSchema(User.lastName);
export const tenantNameSchema = nameSchema(Tenant.name);
export const apiKeyNameSchema = nameSchema(ApiKey.name);
export const machineClientNameSchema = nameSchema(MachineClient.name);

/** A tenant's slug: a DNS label, at most the column's 63 characters. */
export const tenantSlugSchema = z
  .string()
  .trim()
  .max(Tenant.slug, `must be at most ${Tenant.slug} characters`)
  .regex(
    new RegExp(`^[a-z0-9][a-z0-9-]{1,${Tenant.slug - 2}}[a-z0-9]$`),
    `must be 3–${Tenant.slug} lower-case letters, digits or dashes, not starting or ending with a dash`,
  );

/** A SUPERADMIN's target tenant: `targetTenantId` checks it is a uuid (else "not found") before Prisma sees it. */
export const targetTenantSchema = boundedString(authLimits.id).nullish();

/** Opaque strings we issued (reset tokens, client ids and secrets, device tokens). */
export const tokenSchema = boundedString(authLimits.token).min(1, 'must not be empty');

/** A password as presented for checking (never stored): bounded so argon2 never hashes megabytes. */
export const presentedPasswordSchema = boundedString(authLimits.password);

/** A login name as typed: an e-mail, or a SUPERADMIN's username. */
export const loginNameSchema = boundedString(authLimits.loginName);
