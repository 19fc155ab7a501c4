import {
  byIdLoaders,
  createMapLoader,
  idsPerKey,
  isUuid,
  oncePerKey,
  pageSize,
  rowsInKeyOrder,
  type DataScope,
  type RowsPerKeyQuery,
} from '@codex/kit';
import DataLoader from 'dataloader';
import type { CmsDatabase } from './db.ts';
import { emptyCmsSummary, summariseTenants } from './tenant-summary.ts';

/** Rows by id in one query (`find` is a model's findMany); ids that are no UUID cannot exist and are not sent. */
type FindByIds<T> = (args: { where: { id: { in: string[] } } }) => Promise<T[]>;
const byIds =
  <T extends { id: string }>(find: FindByIds<T>) =>
  (ids: readonly string[]) =>
    find({ where: { id: { in: ids.filter(isUuid) } } });

/**
 * The first `limit` child rows of many parents in two queries (ids per parent by a window
 * function, then the rows by id), one loader per distinct `limit` asked for in the request.
 */
function childListLoaders<T extends { id: string }>(
  db: CmsDatabase,
  scope: DataScope,
  query: Omit<RowsPerKeyQuery, 'limit'>,
  find: FindByIds<T>,
) {
  const load = byIds(find);
  const loaderOf = oncePerKey(
    (limit: number) =>
      new DataLoader<string, T[]>(async (parentIds) => {
        const idsByParent = await idsPerKey(db, scope, { ...query, limit }, parentIds);
        const ordered = rowsInKeyOrder(idsByParent, await load([...idsByParent.values()].flat()));
        return parentIds.map((id) => ordered.get(id) ?? []);
      }),
  );
  return (first: number | null | undefined) => loaderOf(pageSize(first));
}

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export const createCmsLoaders = (db: CmsDatabase, scope: DataScope) => ({
  tenantSummary: createMapLoader((tenantIds: readonly string[]) => summariseTenants(db, tenantIds), emptyCmsSummary),
  ...byIdLoaders({
    contentTypeById: db.contentType,
    contentItemById: db.contentItem,
    mediaFileById: db.mediaFile,
    pageById: db.page,
  }),
  /** An item's newest revisions. */
  revisionsOfItem: childListLoaders(
    db,
    scope,
    { table: 'content_revisions', keyColumn: 'content_item_id', order: 'version DESC, id DESC' },
    (args) => db.contentRevision.findMany(args),
  ),
  /** A page's children in sibling order. */
  childrenOfPage: childListLoaders(
    db,
    scope,
    { table: 'pages', keyColumn: 'parent_id', order: 'sort_order ASC, id ASC' },
    (args) => db.page.findMany(args),
  ),
});
export type CmsLoaders = ReturnType<typeof createCmsLoaders>;
