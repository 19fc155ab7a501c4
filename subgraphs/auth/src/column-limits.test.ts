import { emailMaxLength } from '@codex/kit';
import { itBoundsTextByItsColumn, type TextColumn } from '@codex/kit/column-fit.test-support';
import { describe, expect, it } from 'vitest';
import { columnLimits } from './generated/column-limits.ts';
import {
  apiKeyNameSchema,
  boundedEmailSchema,
  firstNameSchema,
  lastNameSchema,
  machineClientNameSchema,
  tenantNameSchema,
  tenantSlugSchema,
} from './validation.ts';

const { Tenant, User, ApiKey, MachineClient } = columnLimits;

/** Every text an input writes, with the column it lands in. */
const textColumns: TextColumn[] = [
  ['Tenant.slug', tenantSlugSchema, Tenant.slug],
  ['Tenant.name', tenantNameSchema, Tenant.name],
  ['User.email', boundedEmailSchema, User.email],
  ['User.firstName', firstNameSchema, User.firstName],
  ['User.lastName', lastNameSchema, User.lastName],
  ['ApiKey.name', apiKeyNameSchema, ApiKey.name],
  ['MachineClient.name', machineClientNameSchema, MachineClient.name],
];

describe('Auth inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(textColumns);

  it('the email column holds what the kit’s email schema accepts: SMTP’s 254', () => {
    expect(User.email).toBe(emailMaxLength);
  });

  it('a slug of the column’s full length is a slug', () => {
    expect(tenantSlugSchema.safeParse('a'.repeat(Tenant.slug)).success).toBe(true);
  });
});
