import { isUuid } from '@codex/kit';
import { listAuditLog } from '@codex/kit';
import { findContentItemBySlug, listContentItems } from '../content-items.ts';
import { listContentItemRevisions } from '../content-revisions.ts';
import { findContentTypeBySlug, listContentTypes } from '../content-types.ts';
import type { QueryResolvers } from '../generated/graphql.ts';
import { listMediaFiles } from '../media-files.ts';
import { findPageBySlug, listPages } from '../pages.ts';

export const Query: QueryResolvers = {
  contentTypes: (_root, args, context) => listContentTypes(context, args),
  contentType: (_root, args, context) => (isUuid(args.id) ? context.loaders.contentTypeById.load(args.id) : null),
  contentTypeBySlug: (_root, args, context) => findContentTypeBySlug(context, args.slug, args.tenantId),
  contentItems: (_root, args, context) => listContentItems(context, args),
  contentItem: (_root, args, context) => (isUuid(args.id) ? context.loaders.contentItemById.load(args.id) : null),
  contentItemBySlug: (_root, args, context) => findContentItemBySlug(context, args.contentTypeId, args.slug),
  contentItemRevisions: (_root, args, context) => listContentItemRevisions(context, args.itemId, args),
  mediaFiles: (_root, args, context) => listMediaFiles(context, args),
  mediaFile: (_root, args, context) => (isUuid(args.id) ? context.loaders.mediaFileById.load(args.id) : null),
  pages: (_root, args, context) => listPages(context, args),
  page: (_root, args, context) => (isUuid(args.id) ? context.loaders.pageById.load(args.id) : null),
  pageBySlug: (_root, args, context) => findPageBySlug(context, args.slug, args.tenantId),
  cmsAuditLog: (_root, args, context) => listAuditLog(context, args),
};
