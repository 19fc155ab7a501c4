import {
  auditRow,
  badInput,
  findExisting,
  notFound,
  onUniqueViolation,
  recordRowChange,
  withScope,
  type Identity,
} from '@codex/kit';
import { type ItemData, validateItemData } from './content-data.ts';
import { storedFields } from './content-fields.ts';
import type { ContentItem, Prisma } from './db.ts';
import { conflict, existingId, requireIdentity, requireOwnership, type CmsRequest, type CmsTx } from './request.ts';

/** What a change of an item writes: the new column values, what the audit row says, and whether the content changed. */
export interface ItemChange {
  data: Prisma.ContentItemUncheckedUpdateInput;
  audit: Record<string, unknown>;
  /** Title, slug, data or SEO change: the previous state is kept as a revision and the version goes up. */
  content: boolean;
}

export const itemSlugTaken = () => conflict('Another item of this content type already has this slug', 'input.slug');

/** The item's state at its current version, kept before it changes. */
const revisionOf = (item: ContentItem): Prisma.ContentRevisionUncheckedCreateInput => ({
  tenantId: item.tenantId,
  contentItemId: item.id,
  version: item.version,
  title: item.title,
  slug: item.slug,
  data: item.data as Prisma.InputJsonValue,
  status: item.status,
  seo: (item.seo ?? undefined) as Prisma.InputJsonValue | undefined,
  authorId: item.authorId,
});

/**
 * Finds the item in the caller's scope and locks its row for the rest of the transaction, so
 * concurrent changes of one item queue up (each sees the version the previous one wrote).
 */
export async function lockedItem(tx: CmsTx, identity: Identity, id: string): Promise<ContentItem> {
  await tx.$executeRaw`SELECT 1 FROM content_items WHERE id = ${id}::uuid FOR UPDATE`;
  const item = await tx.contentItem.findFirst({ where: { id } });
  if (!item) throw notFound('Content item');
  requireOwnership(identity, [item.authorId], 'content item');
  return item;
}

/** Content of an archived item is frozen: it goes back to DRAFT first. */
export function requireEditable(item: ContentItem) {
  if (item.status === 'ARCHIVED')
    throw badInput('Content item is ARCHIVED; restore it to DRAFT before changing its content', 'id');
}

/** `data` checked against the fields the item's type has now. */
export async function validateContentOf(tx: CmsTx, item: ContentItem, data: ItemData, path: string) {
  const type = await findExisting(tx.contentType, item.contentTypeId, 'Content type');
  return validateItemData(tx, item.tenantId, storedFields(type.fields), data, path);
}

/** Each change's domain event (README "Domain events"). */
const contentEvents: Record<string, string> = {
  'content_item.update': 'content.updated',
  'content_item.restore_revision': 'content.updated',
  'content_item.publish': 'content.published',
  'content_item.unpublish': 'content.unpublished',
  'content_item.archive': 'content.archived',
  'content_item.restore': 'content.restored',
};

/**
 * Applies one change to an item in one transaction: lock, ownership (CLIENT: own items only),
 * the change itself, a revision of the previous state when the content changes, the audit row.
 */
export async function changeContentItem(
  request: CmsRequest,
  id: string,
  action: string,
  change: (tx: CmsTx, item: ContentItem) => Promise<ItemChange>,
): Promise<ContentItem> {
  const identity = requireIdentity(request.identity);
  const itemId = existingId(id, 'Content item');
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      const item = await lockedItem(tx, identity, itemId);
      const { data, audit, content } = await change(tx, item);
      if (content) await tx.contentRevision.create({ data: revisionOf(item) });
      const updated = await tx.contentItem.update({
        where: { id: itemId },
        data: content ? { ...data, version: item.version + 1 } : data,
      });
      await auditRow(tx, request, action, 'ContentItem', item, { ...audit, version: updated.version });
      await recordRowChange(tx, request, contentEvents[action] ?? 'content.updated', item, updated);
      return updated;
    }),
    () => itemSlugTaken(),
  );
}
