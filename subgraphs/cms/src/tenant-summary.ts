import { summaryAccumulator } from '@codex/kit';
import type { CmsDatabase } from './db.ts';

export interface TenantCmsSummary {
  totalContentItems: number;
  publishedContentItems: number;
  mediaFiles: number;
  pages: number;
}

export const emptyCmsSummary = (): TenantCmsSummary => ({ totalContentItems: 0, publishedContentItems: 0, mediaFiles: 0, pages: 0 });

/** CMS figures for many tenants in three grouped queries. */
export async function summariseTenants(db: CmsDatabase, tenantIds: readonly string[]): Promise<Map<string, TenantCmsSummary>> {
  const where = { tenantId: { in: [...tenantIds] } };
  const [items, media, pages] = await Promise.all([
    db.contentItem.groupBy({ by: ['tenantId', 'status'], where, _count: { _all: true } }),
    db.mediaFile.groupBy({ by: ['tenantId'], where, _count: { _all: true } }),
    db.page.groupBy({ by: ['tenantId'], where, _count: { _all: true } }),
  ]);
  const { summaries, of: summaryOf } = summaryAccumulator(emptyCmsSummary);
  for (const row of items) {
    const summary = summaryOf(row.tenantId);
    summary.totalContentItems += row._count._all;
    if (row.status === 'PUBLISHED') summary.publishedContentItems += row._count._all;
  }
  for (const row of media) summaryOf(row.tenantId).mediaFiles = row._count._all;
  for (const row of pages) summaryOf(row.tenantId).pages = row._count._all;
  return summaries;
}
