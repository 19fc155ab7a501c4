import { summaryAccumulator } from '@codex/kit';
import type { CmsDatabase, CmsTenantStats } from './db.ts';

export interface TenantCmsSummary {
  totalContentItems: number;
  publishedContentItems: number;
  draftContentItems: number;
  archivedContentItems: number;
  mediaFiles: number;
  mediaBytes: number;
  pages: number;
  publishedPages: number;
}

export const emptyCmsSummary = (): TenantCmsSummary => ({
  totalContentItems: 0,
  publishedContentItems: 0,
  draftContentItems: 0,
  archivedContentItems: 0,
  mediaFiles: 0,
  mediaBytes: 0,
  pages: 0,
  publishedPages: 0,
});

type StatsFigures = Omit<CmsTenantStats, 'tenantId'>;

/** Adds one stats row (or a sum of rows) to a summary. */
function addStats(summary: TenantCmsSummary, stats: StatsFigures) {
  summary.totalContentItems += stats.contentItems;
  summary.publishedContentItems += stats.publishedContentItems;
  summary.draftContentItems += stats.draftContentItems;
  summary.archivedContentItems += stats.archivedContentItems;
  summary.mediaFiles += stats.mediaFiles;
  summary.mediaBytes += Number(stats.mediaBytes);
  summary.pages += stats.pages;
  summary.publishedPages += stats.publishedPages;
  return summary;
}

/**
 * CMS figures for many tenants in one statement: their rows of `cms_tenant_stats`, which the
 * database's triggers keep in step with every write (prisma/cms/migrations/*_cms_stats_triggers).
 * A tenant without a row has nothing yet.
 */
export async function summariseTenants(
  db: CmsDatabase,
  tenantIds: readonly string[],
): Promise<Map<string, TenantCmsSummary>> {
  const rows = await db.cmsTenantStats.findMany({ where: { tenantId: { in: [...tenantIds] } } });
  const { summaries, of: summaryOf } = summaryAccumulator(emptyCmsSummary);
  for (const { tenantId, ...stats } of rows) addStats(summaryOf(tenantId), stats);
  return summaries;
}

/** Every tenant's figures summed in one statement over the stats rows (one per tenant) the scope sees. */
export async function summariseAllTenants(db: CmsDatabase): Promise<TenantCmsSummary> {
  const { _sum: sums } = await db.cmsTenantStats.aggregate({
    _sum: {
      contentItems: true,
      publishedContentItems: true,
      draftContentItems: true,
      archivedContentItems: true,
      mediaFiles: true,
      mediaBytes: true,
      pages: true,
      publishedPages: true,
    },
  });
  return addStats(emptyCmsSummary(), {
    contentItems: sums.contentItems ?? 0,
    publishedContentItems: sums.publishedContentItems ?? 0,
    draftContentItems: sums.draftContentItems ?? 0,
    archivedContentItems: sums.archivedContentItems ?? 0,
    mediaFiles: sums.mediaFiles ?? 0,
    mediaBytes: sums.mediaBytes ?? 0n,
    pages: sums.pages ?? 0,
    publishedPages: sums.publishedPages ?? 0,
  });
}
