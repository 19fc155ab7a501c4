import { auditRow, badInput, findExisting, notFound, parseInput, withScope } from '@codex/kit';
import { z } from 'zod';
import type { Page } from './db.ts';
import { cmsLimits } from './limits.ts';
import { existingId, requireIdentity, type CmsRequest, type CmsTx } from './request.ts';

export const sortOrderSchema = z
  .number()
  .int()
  .min(0, 'must not be negative')
  .max(cmsLimits.sortOrder, `must be at most ${cmsLimits.sortOrder}`);

/**
 * The parent a move asks for, checked before any query: null means the top level, an id that is
 * no UUID cannot be a page of ours (NOT_FOUND), and a page is never its own parent.
 */
export function requestedParent(pageId: string, parentId: string | null | undefined): string | null {
  if (!parentId) return null;
  const parent = existingId(parentId, 'Parent page');
  if (parent === pageId) throw badInput('A page cannot be its own parent', 'parentId');
  return parent;
}

/**
 * Serialises changes of one tenant's page tree until the transaction ends: two concurrent moves
 * could each pass the cycle check (A under B, B under A) and together make a loop.
 */
export async function lockPageTree(tx: CmsTx, tenantId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`cms.page-tree:${tenantId}`}, 0))`;
}

/** Whether `pageId` is `candidateId` or one of its ancestors, i.e. moving `pageId` under `candidateId` would close a loop. */
async function wouldLoop(tx: CmsTx, pageId: string, candidateId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ loops: boolean }[]>`
    WITH RECURSIVE ancestors AS (
      SELECT id, parent_id, 1 AS depth FROM pages WHERE id = ${candidateId}::uuid
      UNION ALL
      SELECT page.id, page.parent_id, ancestors.depth + 1 FROM pages page JOIN ancestors ON page.id = ancestors.parent_id
      WHERE ancestors.depth < 10000
    )
    SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ${pageId}::uuid) AS loops`;
  return row?.loops === true;
}

/** After the last sibling (under `parentId`, or at the top level). */
export async function nextSortOrder(tx: CmsTx, tenantId: string, parentId: string | null, excluding?: string) {
  const last = await tx.page.aggregate({
    where: { tenantId, parentId, ...(excluding ? { id: { not: excluding } } : {}) },
    _max: { sortOrder: true },
  });
  return last._max.sortOrder === null ? 0 : last._max.sortOrder + 1;
}

/** The parent a page goes under: a page of the same tenant (NOT_FOUND otherwise). */
export async function existingParent(tx: CmsTx, tenantId: string, parentId: string) {
  const parent = await tx.page.findFirst({ where: { id: existingId(parentId, 'Parent page'), tenantId } });
  if (!parent) throw notFound('Parent page');
  return parent;
}

/**
 * Moves a page under `parentId` (null: top level) at `sortOrder` (default: after its new
 * siblings). Refused with BAD_USER_INPUT on `parentId` when the new parent is the page itself or
 * one of its descendants, checked under the tenant's tree lock.
 */
export async function movePage(
  request: CmsRequest,
  id: string,
  parentId: string | null | undefined,
  sortOrder: number | null | undefined,
): Promise<Page> {
  requireIdentity(request.identity);
  const pageId = existingId(id, 'Page');
  const order = sortOrder == null ? null : parseInput(sortOrderSchema, sortOrder, 'sortOrder');
  return withScope(request.db, request.dataScope, async (tx) => {
    const page = await findExisting(tx.page, pageId, 'Page');
    await lockPageTree(tx, page.tenantId);
    const newParent = requestedParent(pageId, parentId);
    if (newParent) await existingParent(tx, page.tenantId, newParent);
    if (newParent && (await wouldLoop(tx, pageId, newParent)))
      throw badInput('Cannot move a page under one of its own descendants', 'parentId');
    const newOrder = order ?? (await nextSortOrder(tx, page.tenantId, newParent, pageId));
    const moved = await tx.page.update({ where: { id: pageId }, data: { parentId: newParent, sortOrder: newOrder } });
    await auditRow(tx, request, 'page.move', 'Page', page, {
      fromParentId: page.parentId,
      toParentId: newParent,
      sortOrder: newOrder,
    });
    return moved;
  });
}
