import { isUuid, notFound, referenceNamedBy } from '@codex/kit';
import type { ContentItemResolvers } from '../generated/graphql.ts';

export const ContentItem: ContentItemResolvers = {
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.contentItemById.load(reference.id) : null,
  // The foreign key keeps the type while it has items.
  contentType: async (item, _args, context) =>
    (await context.loaders.contentTypeById.load(item.contentTypeId)) ?? Promise.reject(notFound('Content type')),
  data: (item) => item.data as Record<string, unknown>,
  seo: (item) => item.seo as Record<string, unknown> | null,
  author: (item) => referenceNamedBy('User', item, item.authorId),
  revisions: (item, args, context) => context.loaders.revisionsOfItem(args.first).load(item.id),
};
