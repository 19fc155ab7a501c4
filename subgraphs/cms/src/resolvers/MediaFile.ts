import { isUuid, referenceNamedBy } from '@codex/kit';
import type { MediaFileResolvers } from '../generated/graphql.ts';
import { mediaContentBase64 } from '../media-files.ts';

export const MediaFile: MediaFileResolvers = {
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.mediaFileById.load(reference.id) : null,
  // Files are at most 512 KiB: a bigint column, an Int on the wire.
  size: (file) => Number(file.size),
  contentBase64: (file, _args, context) => mediaContentBase64(context.storage, file),
  uploadedBy: (file) => referenceNamedBy('User', file, file.uploaderId),
};
