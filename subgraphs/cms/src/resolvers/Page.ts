import { isUuid, referenceNamedBy } from '@codex/kit';
import type { PageResolvers } from '../generated/graphql.ts';
import { pageBlocks, pageSeo } from '../pages.ts';

export const Page: PageResolvers = {
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.pageById.load(reference.id) : null,
  parent: (page, _args, context) => (page.parentId ? context.loaders.pageById.load(page.parentId) : null),
  children: (page, args, context) => context.loaders.childrenOfPage(args.first).load(page.id),
  blocks: (page) => pageBlocks(page),
  seo: (page) => pageSeo(page),
  author: (page) => referenceNamedBy('User', page, page.authorId),
};
