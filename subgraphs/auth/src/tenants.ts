import {
  apiError,
  ErrorCode,
  findExisting,
  inputSchema,
  onUniqueViolation,
  parseInput,
  recordAudit,
  recordRowChange,
  recordRowEvent,
  withScope,
  conflict,
} from '@codex/kit';
import { z } from 'zod';
import type { Tenant, TenantStatus } from './db.ts';
import type { CreateTenantInput, MutationSetAdminMfaRequiredArgs, UpdateTenantInput } from './generated/graphql.ts';
import { existingId, existingTargetTenant, requireIdentity, type AuthRequest } from './request.ts';
import { tenantNameSchema, tenantSlugSchema } from './validation.ts';

const planTier = z.enum(['FREE', 'STARTER', 'PROFESSIONAL', 'ENTERPRISE']);
const createTenantInput = inputSchema<CreateTenantInput>()(
  z.object({
    slug: tenantSlugSchema,
    name: tenantNameSchema,
    planTier,
  }),
);
const updateTenantInput = inputSchema<UpdateTenantInput>()(
  z.object({
    name: tenantNameSchema.nullish(),
    planTier: planTier.nullish(),
    requireVerifiedEmail: z.boolean().nullish(),
  }),
);

/** A tenant as an event's row: the tenant is its own tenant. */
const eventRow = (tenant: Tenant) => ({ ...tenant, tenantId: tenant.id });

/** Each change's domain event (README "Domain events"). */
const tenantEvents = {
  'tenant.update': 'tenant.updated',
  'tenant.suspend': 'tenant.suspended',
  'tenant.reactivate': 'tenant.reactivated',
  'tenant.mfa_policy': 'tenant.updated',
} as const;

export async function createTenant(request: AuthRequest, input: CreateTenantInput): Promise<Tenant> {
  const data = parseInput(createTenantInput, input, 'input');
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      const tenant = await tx.tenant.create({ data: { ...data, status: 'ACTIVE' } });
      await recordAudit(tx, request, {
        tenantId: tenant.id,
        action: 'tenant.create',
        entityType: 'Tenant',
        entityId: tenant.id,
        changes: data,
      });
      await recordRowEvent(tx, request, 'tenant.created', eventRow(tenant));
      return tenant;
    }),
    () => conflict(`A tenant with slug "${data.slug}" already exists`, 'input.slug'),
  );
}

async function changeTenant(
  request: AuthRequest,
  id: string,
  action: keyof typeof tenantEvents,
  change: (tenant: Tenant) => {
    name?: string;
    planTier?: Tenant['planTier'];
    status?: TenantStatus;
    mfaRequiredForAdmins?: boolean;
    requireVerifiedEmail?: boolean;
  },
) {
  const tenantId = existingId(id, 'Tenant');
  return withScope(request.db, request.dataScope, async (tx) => {
    const tenant = await findExisting(tx.tenant, tenantId, 'Tenant');
    const data = change(tenant);
    const updated = await tx.tenant.update({ where: { id: tenantId }, data });
    await recordAudit(tx, request, {
      tenantId,
      action,
      entityType: 'Tenant',
      entityId: tenantId,
      changes: { ...data },
    });
    await recordRowChange(tx, request, tenantEvents[action], eventRow(tenant), eventRow(updated));
    return updated;
  });
}

export function updateTenant(request: AuthRequest, id: string, input: UpdateTenantInput) {
  const parsed = parseInput(updateTenantInput, input, 'input');
  return changeTenant(request, id, 'tenant.update', () => ({
    ...(parsed.name ? { name: parsed.name } : {}),
    ...(parsed.planTier ? { planTier: parsed.planTier } : {}),
    ...(parsed.requireVerifiedEmail != null ? { requireVerifiedEmail: parsed.requireVerifiedEmail } : {}),
  }));
}

/** Suspension blocks the tenant's users, keys and tokens (the gateway polls the revocation list). */
export const suspendTenant = (request: AuthRequest, id: string) =>
  changeTenant(request, id, 'tenant.suspend', (tenant) => {
    if (tenant.status === 'ARCHIVED') throw apiError(ErrorCode.CONFLICT, 'An archived tenant cannot be suspended');
    return { status: 'SUSPENDED' };
  });

export const reactivateTenant = (request: AuthRequest, id: string) =>
  changeTenant(request, id, 'tenant.reactivate', (tenant) => (tenant.status === 'TRIAL' ? {} : { status: 'ACTIVE' }));

/** Tenant policy: its ADMINs sign in with a second factor (those without one enrol at their next login). */
export async function setAdminMfaRequired(request: AuthRequest, args: MutationSetAdminMfaRequiredArgs) {
  const identity = requireIdentity(request.identity);
  const tenantId = await existingTargetTenant(request, identity, args.tenantId, 'tenantId');
  return changeTenant(request, tenantId, 'tenant.mfa_policy', () => ({ mfaRequiredForAdmins: args.required }));
}
