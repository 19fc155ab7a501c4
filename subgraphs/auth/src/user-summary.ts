import { isUuid, withReadScope, type DataScope } from '@codex/kit';
import type { AuthDatabase, Tenant } from './db.ts';

export interface TenantUsersSummary {
  total: number;
  active: number;
  lastActivityAt: Date | null;
}

export const emptyUsersSummary = (): TenantUsersSummary => ({ total: 0, active: 0, lastActivityAt: null });

/** The user figures of the tenant `t.id`, as a LATERAL subquery: one row, zeros for a tenant without users. */
const usersOfTenantSql = `
  SELECT count(*)::int AS total, count(*) FILTER (WHERE u.active)::int AS active, max(u.last_login_at) AS "lastActivityAt"
  FROM users u WHERE u.tenant_id = t.id`;

/**
 * Tenant rows as Prisma's `findMany` answers them (every scalar field under its name; the test
 * "Auth's tenant read" holds it to Prisma's answer) beside their user figures.
 */
const tenantsWithUsersSql = `
  SELECT t.id::text AS id, t.slug, t.name, t.status::text AS status, t.plan_tier::text AS "planTier",
    t.mfa_required_for_admins AS "mfaRequiredForAdmins", t.created_at AS "createdAt", t.updated_at AS "updatedAt",
    t.require_verified_email AS "requireVerifiedEmail", u.total, u.active, u."lastActivityAt"
  FROM tenants t CROSS JOIN LATERAL (${usersOfTenantSql}) u
  WHERE t.id = ANY($1::uuid[])`;

const usersSql = `
  SELECT t.id::text AS "tenantId", u.total, u.active, u."lastActivityAt"
  FROM unnest($1::uuid[]) AS t(id) CROSS JOIN LATERAL (${usersOfTenantSql}) u`;

/** One raw read in a read session (scope and statement: two round trips); row-level security narrows it to the scope. */
const readRows = <T>(db: AuthDatabase, scope: DataScope, sql: string, ids: readonly string[]) =>
  withReadScope(db, scope, (tx) => tx.$queryRawUnsafe<T[]>(sql, [...new Set(ids.filter(isUuid))]));

export interface TenantWithUsers {
  tenant: Tenant;
  users: TenantUsersSummary;
}

/** Tenants by id with their user figures in one statement (a tenant's figures ask for both, see loaders.ts). */
export async function readTenantsWithUsers(
  db: AuthDatabase,
  scope: DataScope,
  tenantIds: readonly string[],
): Promise<TenantWithUsers[]> {
  if (!tenantIds.some(isUuid)) return [];
  const rows = await readRows<Tenant & TenantUsersSummary>(db, scope, tenantsWithUsersSql, tenantIds);
  return rows.map(({ total, active, lastActivityAt, ...tenant }) => ({
    tenant,
    users: { total, active, lastActivityAt },
  }));
}

/** User figures for many tenants in one statement. */
export async function summariseTenantUsers(
  db: AuthDatabase,
  scope: DataScope,
  tenantIds: readonly string[],
): Promise<Map<string, TenantUsersSummary>> {
  if (!tenantIds.some(isUuid)) return new Map();
  const rows = await readRows<TenantUsersSummary & { tenantId: string }>(db, scope, usersSql, tenantIds);
  return new Map(rows.map(({ tenantId, ...summary }) => [tenantId, summary]));
}
