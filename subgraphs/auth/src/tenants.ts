import {
  apiError,
  creationOrder,
  ErrorCode,
  findExisting,
  inputSchema,
  loadPage,
  onUniqueViolation,
  parseInput,
  recordAudit,
  recordRowChange,
  recordRowEvent,
  withScope,
  type PageArgs,
  conflict,
} from '@codex/kit';
import { z } from 'zod';
import type { Tenant, TenantStatus } from './db.ts';
import type { CreateTenantInput, UpdateTenantInput } from './generated/graphql.ts';
import { existingId, type AuthRequest } from './request.ts';
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
  z.object({ name: tenantNameSchema.nullish(), planTier: planTier.nullish() }),
);

/** A tenant as an event's row: the tenant is its own tenant. */
const eventRow = (tenant: Tenant) => ({ ...tenant, tenantId: tenant.id });

/** Each change's domain event (README "Domain events"). */
const tenantEvents = {
  'tenant.update': 'tenant.updated',
  'tenant.suspend': 'tenant.suspended',
  'tenant.reactivate': 'tenant.reactivated',
} as const;

/** Tenants oldest first, a page at a time (the request's scope decides which). */
export function listTenants(request: Pick<AuthRequest, 'db'>, args: PageArgs) {
  return loadPage(
    args,
    ({ after, take }) => request.db.tenant.findMany({ where: after, orderBy: creationOrder, take }),
    () => request.db.tenant.count(),
  );
}

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
  change: (tenant: Tenant) => { name?: string; planTier?: Tenant['planTier']; status?: TenantStatus },
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
