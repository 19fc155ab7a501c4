import type { Databases } from './databases.ts';

/** Every row id a tenant owns in the five databases (its tenant row and users included). */
export async function tenantRowIds(db: Databases, tenantId: string): Promise<string[]> {
  const where = { where: { tenantId }, select: { id: true } } as const;
  const groups = await Promise.all([
    db.auth.user.findMany(where),
    db.crm.customer.findMany(where),
    db.crm.lead.findMany(where),
    db.crm.pipeline.findMany(where),
    db.cms.contentItem.findMany(where),
    db.cms.contentType.findMany(where),
    db.cms.mediaFile.findMany(where),
    db.cms.page.findMany(where),
    db.billing.plan.findMany(where),
    db.billing.subscription.findMany(where),
    db.billing.invoice.findMany(where),
    db.analytics.event.findMany(where),
  ]);
  return [tenantId, ...groups.flat().map((row) => row.id)];
}

/** What an attacker could have changed: the tenant row, its users, and every domain row. */
export async function snapshotTenant(db: Databases, tenantId: string) {
  const where = { where: { tenantId } } as const;
  const [tenant, users, customers, leads, items, pages, subscriptions, invoices, events] = await Promise.all([
    db.auth.tenant.findUnique({ where: { id: tenantId } }),
    db.auth.user.findMany({
      ...where,
      orderBy: { id: 'asc' },
      select: { id: true, email: true, role: true, active: true, passwordHash: true },
    }),
    db.crm.customer.findMany({ ...where, orderBy: { id: 'asc' } }),
    db.crm.lead.findMany({ ...where, orderBy: { id: 'asc' } }),
    db.cms.contentItem.findMany({ ...where, orderBy: { id: 'asc' } }),
    db.cms.page.findMany({ ...where, orderBy: { id: 'asc' } }),
    db.billing.subscription.findMany({ ...where, orderBy: { id: 'asc' } }),
    db.billing.invoice.findMany({ ...where, orderBy: { id: 'asc' } }),
    db.analytics.event.count(where),
  ]);
  return { tenant, users, customers, leads, items, pages, subscriptions, invoices, events };
}
