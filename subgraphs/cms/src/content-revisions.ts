import { badInput, loadTenantPage, notFound, type PageArgs } from '@codex/kit';
import { GraphQLError } from 'graphql';
import { changeContentItem, requireEditable, validateContentOf } from './content-item-changes.ts';
import { Prisma } from './db.ts';
import { existingId, type CmsRequest } from './request.ts';

/** Newest first: the version numbers are unique per item. */
const newestFirst = { field: 'version', direction: 'DESC' } as const;

/** An item's revisions, newest first; NOT_FOUND when the item is missing or foreign. */
export async function listContentItemRevisions(request: CmsRequest, itemId: string, args: PageArgs) {
  const id = existingId(itemId, 'Content item');
  if (!(await request.db.contentItem.findFirst({ where: { id }, select: { id: true } })))
    throw notFound('Content item');
  return loadTenantPage(request, args, request.db.contentRevision, { contentItemId: id }, newestFirst);
}

/**
 * Brings back a revision's title, slug, data and SEO (not its status: the workflow moves on its
 * own). The current state is kept as a revision first, so a restore can itself be undone. The
 * revision's data must still fit the type's fields (BAD_USER_INPUT on `revisionId` otherwise).
 */
export function restoreContentItemRevision(request: CmsRequest, itemId: string, revisionId: string) {
  const wanted = existingId(revisionId, 'Content revision');
  return changeContentItem(request, itemId, 'content_item.restore_revision', async (tx, item) => {
    requireEditable(item);
    const revision = await tx.contentRevision.findFirst({ where: { id: wanted, contentItemId: item.id } });
    if (!revision) throw notFound('Content revision');
    const data = await validateContentOf(tx, item, revision.data, 'data').catch((error: unknown) => {
      if (!(error instanceof GraphQLError) || error.extensions.code !== 'BAD_USER_INPUT') throw error;
      throw badInput(`Revision ${revision.version} no longer fits the content type (${error.message})`, 'revisionId');
    });
    const changes = {
      title: revision.title,
      ...(revision.slug ? { slug: revision.slug } : {}),
      data: data as Prisma.InputJsonValue,
      seo: revision.seo === null ? Prisma.DbNull : (revision.seo as Prisma.InputJsonValue),
    };
    return { data: changes, audit: { restoredVersion: revision.version, revisionId: revision.id }, content: true };
  });
}
