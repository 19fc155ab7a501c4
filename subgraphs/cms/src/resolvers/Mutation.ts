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
  createContentType: (_root, args, context) => createContentType(context, args.input),
  updateContentType: (_root, args, context) => updateContentType(context, args.id, args.input),
  deleteContentType: (_root, args, context) => deleteContentType(context, args.id),
  createContentItem: (_root, args, context) => createContentItem(context, args.input),
  updateContentItem: (_root, args, context) => updateContentItem(context, args.id, args.input),
  publishContentItem: (_root, args, context) => publishContentItem(context, args.id),
  unpublishContentItem: (_root, args, context) => unpublishContentItem(context, args.id),
  archiveContentItem: (_root, args, context) => archiveContentItem(context, args.id),
  restoreContentItem: (_root, args, context) => restoreContentItem(context, args.id),
  restoreContentItemRevision: (_root, args, context) =>
    restoreContentItemRevision(context, args.itemId, args.revisionId),
  deleteContentItem: (_root, args, context) => deleteContentItem(context, args.id),
  uploadMedia: (_root, args, context) => uploadMedia(context, args.input),
  updateMedia: (_root, args, context) => updateMedia(context, args.id, args.input),
  deleteMedia: (_root, args, context) => deleteMedia(context, args.id),
  createPage: (_root, args, context) => createPage(context, args.input),
  updatePage: (_root, args, context) => updatePage(context, args.id, args.input),
  movePage: (_root, args, context) => movePage(context, args.id, args.parentId, args.sortOrder),
  deletePage: (_root, args, context) => deletePage(context, args.id),
};
