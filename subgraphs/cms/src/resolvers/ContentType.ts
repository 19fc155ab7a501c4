import { isUuid, referenceNamedBy } from '@codex/kit';
import { storedFields } from '../content-fields.ts';
import type { ContentTypeResolvers } from '../generated/graphql.ts';

export const ContentType: ContentTypeResolvers = {
  // Shield does not guard reference resolution: the loader's database is scoped to the caller.
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.contentTypeById.load(reference.id) : null,
  fields: (type) => storedFields(type.fields),
  createdBy: (type) => referenceNamedBy('User', type, type.createdById),
};
