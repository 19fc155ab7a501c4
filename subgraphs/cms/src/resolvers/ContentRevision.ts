import type { ContentRevisionResolvers } from '../generated/graphql.ts';

export const ContentRevision: ContentRevisionResolvers = {
  data: (revision) => revision.data as Record<string, unknown>,
  seo: (revision) => revision.seo as Record<string, unknown> | null,
};
