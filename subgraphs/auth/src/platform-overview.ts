import {
  dailySeries,
  growthWindowStart,
  readRowSets,
  withReadScope,
  type DailyCount,
  type DataScope,
} from '@codex/kit';
import DataLoader from 'dataloader';
import type { AuthDatabase, TenantStatus } from './db.ts';
import type { TenantUsersSummary } from './user-summary.ts';

/**
 * Auth's part of the platform overview. Auth's tables stay small at the target scale (a tenant
 * registry of ~1,000 rows and a few users each), so grouped queries over them are cheap; the
 * parts a request asks for are read together in one statement (see createOverviewReader).
 */
export interface OverviewParts {
  /** Users of every tenant (SUPERADMINs, who have no tenant, not counted). */
  users: TenantUsersSummary;
  /** Every status, with 0 for those no tenant has. */
  tenantsByStatus: { status: TenantStatus; count: number }[];
  /** Tenants created per UTC day over the last 30 days. */
  tenantGrowth: DailyCount[];
  /** Users of every tenant created per UTC day over the last 30 days: a range read of the index on `created_at`. */
  userGrowth: DailyCount[];
}
type Part = keyof OverviewParts;

/** Each part's rows; `$1` is the growth window's first instant. */
const partSql: Record<Part, string> = {
  users: `SELECT count(*)::int AS total, count(*) FILTER (WHERE active)::int AS active, max(last_login_at) AS "lastActivityAt"
    FROM users WHERE tenant_id IS NOT NULL`,
  tenantsByStatus: `SELECT status, count(*)::int AS count FROM tenants GROUP BY 1`,
  tenantGrowth: `SELECT date_trunc('day', created_at, 'UTC') AS day, count(*)::int AS count FROM tenants
    WHERE created_at >= $1::timestamptz GROUP BY 1`,
  userGrowth: `SELECT date_trunc('day', created_at, 'UTC') AS day, count(*)::int AS count FROM users
    WHERE created_at >= $1::timestamptz AND tenant_id IS NOT NULL GROUP BY 1`,
};
const growthParts = new Set<Part>(['tenantGrowth', 'userGrowth']);

const tenantStatuses: TenantStatus[] = ['TRIAL', 'ACTIVE', 'SUSPENDED', 'ARCHIVED'];

/** Timestamps come through json as text. */
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));
const series = (rows: { day: string; count: number }[], now: Date) =>
  dailySeries(new Map(rows.map((row) => [Date.parse(row.day), row.count])), now);

type Rows = {
  users: { total: number; active: number; lastActivityAt: string | null }[];
  tenantsByStatus: { status: TenantStatus; count: number }[];
  tenantGrowth: { day: string; count: number }[];
  userGrowth: { day: string; count: number }[];
};

/** The asked parts in one statement (scope and read in one round trip), in a read session scoped for row-level security. */
export async function readOverviewParts(
  db: AuthDatabase,
  scope: DataScope,
  parts: readonly Part[],
  now = new Date(),
): Promise<Partial<OverviewParts>> {
  const asked = [...new Set(parts)];
  const queries = Object.fromEntries(asked.map((part) => [part, partSql[part]])) as Record<Part, string>;
  const parameters = asked.some((part) => growthParts.has(part)) ? [growthWindowStart(now)] : [];
  const rows = await withReadScope(db, scope, (tx) => readRowSets<Rows>(tx, queries, parameters));
  const read: Partial<OverviewParts> = {};
  if (rows.users) {
    const [users] = rows.users;
    read.users = {
      total: users?.total ?? 0,
      active: users?.active ?? 0,
      lastActivityAt: dateOrNull(users?.lastActivityAt ?? null),
    };
  }
  if (rows.tenantsByStatus) {
    const counts = new Map(rows.tenantsByStatus.map((row) => [row.status, row.count]));
    read.tenantsByStatus = tenantStatuses.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }
  if (rows.tenantGrowth) read.tenantGrowth = series(rows.tenantGrowth, now);
  if (rows.userGrowth) read.userGrowth = series(rows.userGrowth, now);
  return read;
}

/** Per request: the overview's parts its resolvers ask for in one step, read together. */
export function createOverviewReader(db: AuthDatabase, scope: DataScope) {
  const loader = new DataLoader<Part, unknown>(async (parts) => {
    const read = await readOverviewParts(db, scope, parts);
    return parts.map((part) => read[part]);
  });
  return <P extends Part>(part: P) => loader.load(part) as Promise<OverviewParts[P]>;
}
