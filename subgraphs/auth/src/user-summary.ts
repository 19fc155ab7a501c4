import { isUuid, readPlainRows, type DataScope } from '@codex/kit';
import type { PlainModels } from '@codex/kit/plain-reads';
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

const usersOf = (raw: Record<string, unknown>): TenantUsersSummary => ({
  total: raw.total as number,
  active: raw.active as number,
  lastActivityAt: raw.lastActivityAt as Date | null,
});

/**
 * Runs `sql` ($1 the tenant ids, $2 a tenant caller's tenant or null) as a plain read in a read
 * session (scope and statement in one round trip). Row-level security scopes it; a tenant caller's
 * rows are filtered by its tenant in the statement too. Nobody's scope reads nothing.
 */
function readPerTenant<R>(
  db: AuthDatabase,
  scope: DataScope,
  tenantIds: readonly string[],
  read: (models: PlainModels) => { text: string; answer: (rows: Record<string, unknown>[]) => R[] },
): Promise<R[]> {
  const ids = [...new Set(tenantIds.filter(isUuid))];
  if (ids.length === 0 || scope.kind === 'none') return Promise.resolve([]);
  return readPlainRows(db, scope, (models) => ({
    ...read(models),
    values: [ids, scope.kind === 'tenant' ? scope.tenantId : null],
  }));
}

export interface TenantWithUsers {
  tenant: Tenant;
  users: TenantUsersSummary;
}

/** Tenants by id (Prisma's rows) with their user figures, in one statement (a tenant's figures ask for both, see loaders.ts). */
export const readTenantsWithUsers = (db: AuthDatabase, scope: DataScope, tenantIds: readonly string[]) =>
  readPerTenant<TenantWithUsers>(db, scope, tenantIds, (models) => {
    const tenant = models('Tenant');
    return {
      text: `SELECT ${tenant.columns('t')}, u.total, u.active, u."lastActivityAt"
        FROM tenants t CROSS JOIN LATERAL (${usersOfTenantSql}) u
        WHERE t.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR t.id = $2::uuid)`,
      answer: (rows) => rows.map((raw) => ({ tenant: tenant.row(raw, 't') as Tenant, users: usersOf(raw) })),
    };
  });

/** User figures for many tenants in one statement. */
export async function summariseTenantUsers(
  db: AuthDatabase,
  scope: DataScope,
  tenantIds: readonly string[],
): Promise<Map<string, TenantUsersSummary>> {
  const rows = await readPerTenant(db, scope, tenantIds, () => ({
    text: `SELECT t.id::text AS "tenantId", u.total, u.active, u."lastActivityAt"
      FROM unnest($1::uuid[]) AS t(id) CROSS JOIN LATERAL (${usersOfTenantSql}) u
      WHERE $2::uuid IS NULL OR t.id = $2::uuid`,
    answer: (rows) => rows.map((raw) => [raw.tenantId as string, usersOf(raw)] as const),
  }));
  return new Map(rows);
}
