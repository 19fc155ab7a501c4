import { withId, withIdAndInput, withInput } from '@codex/kit';
import { createContentItem, deleteContentItem, updateContentItem } from '../content-items.ts';
import { restoreContentItemRevision } from '../content-revisions.ts';
import { createContentType, deleteContentType, updateContentType } from '../content-types.ts';
import {
  archiveContentItem,
  publishContentItem,
  restoreContentItem,
  unpublishContentItem,
} from '../content-workflow.ts';
import type { MutationResolvers } from '../generated/graphql.ts';
import { deleteMedia, updateMedia, uploadMedia } from '../media-files.ts';
import { movePage } from '../page-tree.ts';
import { createPage, deletePage, updatePage } from '../pages.ts';

export const Mutation: MutationResolvers = {
  createContentType: withInput(createContentType),
  updateContentType: withIdAndInput(updateContentType),
  deleteContentType: withId(deleteContentType),
  createContentItem: withInput(createContentItem),
  updateContentItem: withIdAndInput(updateContentItem),
  publishContentItem: withId(publishContentItem),
  unpublishContentItem: withId(unpublishContentItem),
  archiveContentItem: withId(archiveContentItem),
  restoreContentItem: withId(restoreContentItem),
  restoreContentItemRevision: (_root, args, context) =>
    restoreContentItemRevision(context, args.itemId, args.revisionId),
  deleteContentItem: withId(deleteContentItem),
  uploadMedia: withInput(uploadMedia),
  updateMedia: withIdAndInput(updateMedia),
  deleteMedia: withId(deleteMedia),
  createPage: withInput(createPage),
  updatePage: withIdAndInput(updatePage),
  movePage: (_root, args, context) => movePage(context, args.id, args.parentId, args.sortOrder),
  deletePage: withId(deletePage),
};
