import { emailMaxLength } from '@codex/kit';
import { itBoundsTextByItsColumn } from '@codex/kit/column-fit.test-support';
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

const { Tenant, User } = columnLimits;

/** Every text an input writes, with the column it lands in. */
const textColumns = {
  'Tenant.slug': tenantSlugSchema,
  'Tenant.name': tenantNameSchema,
  'User.email': boundedEmailSchema,
  'User.firstName': firstNameSchema,
  'User.lastName': lastNameSchema,
  'ApiKey.name': apiKeyNameSchema,
  'MachineClient.name': machineClientNameSchema,
};

describe('Auth inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(columnLimits, textColumns);

  it('the email column holds what the kit’s email schema accepts: SMTP’s 254', () => {
    expect(User.email).toBe(emailMaxLength);
  });

  it('a slug of the column’s full length is a slug', () => {
    expect(tenantSlugSchema.safeParse('a'.repeat(Tenant.slug)).success).toBe(true);
  });
});
