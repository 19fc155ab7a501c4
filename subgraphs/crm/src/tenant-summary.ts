import { summaryAccumulator } from '@codex/kit';
import type { CrmDatabase } from './db.ts';

export interface TenantCrmSummary {
  totalCustomers: number;
  totalLeads: number;
  openLeads: number;
}

export const emptyCrmSummary = (): TenantCrmSummary => ({ totalCustomers: 0, totalLeads: 0, openLeads: 0 });

/** CRM figures for many tenants in two grouped queries. */
export async function summariseTenants(db: CrmDatabase, tenantIds: readonly string[]): Promise<Map<string, TenantCrmSummary>> {
  const where = { tenantId: { in: [...tenantIds] } };
  const [customers, leads] = await Promise.all([
    db.customer.groupBy({ by: ['tenantId'], where, _count: { _all: true } }),
    db.lead.groupBy({ by: ['tenantId', 'status'], where, _count: { _all: true } }),
  ]);
  const { summaries, of: summaryOf } = summaryAccumulator(emptyCrmSummary);
  for (const row of customers) summaryOf(row.tenantId).totalCustomers = row._count._all;
  for (const row of leads) {
    const summary = summaryOf(row.tenantId);
    summary.totalLeads += row._count._all;
    if (row.status === 'OPEN') summary.openLeads += row._count._all;
  }
  return summaries;
}
