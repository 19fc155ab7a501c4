import { randomUUID } from 'node:crypto';
import {
  auditRow,
  changedFields,
  findExisting,
  idSchema,
  inputSchema,
  parseInput,
  parsedWhere,
  recordAudit,
  tenantList,
  textSchema,
  withScope,
  type Logger,
} from '@codex/kit';
import { z } from 'zod';
import type { MediaFile, Prisma } from './db.ts';
import { columnText } from './limits.ts';
import type { MediaFileFilter, UpdateMediaInput, UploadMediaInput } from './generated/graphql.ts';
import { cmsLimits, searchSchema } from './limits.ts';
import { contentBase64Schema, decodeMedia, mimeTypeSchema, sha256Hex } from './media-content.ts';
import type { MediaStorage } from './media-storage.ts';
import { existingId, requireIdentity, requireOwnership, targetTenantId, type CmsRequest } from './request.ts';

/** Media functions also reach the bytes, and log what they could not clean up. */
export interface MediaRequest extends CmsRequest {
  storage: MediaStorage;
  logger: Logger;
}

const { mediaName: nameSchema, mediaAltText: altTextSchema, mediaCaption: captionSchema } = columnText;
const uploadInput = inputSchema<UploadMediaInput>()(
  z.object({
    name: nameSchema,
    mimeType: mimeTypeSchema,
    contentBase64: contentBase64Schema,
    altText: altTextSchema.nullish(),
    caption: captionSchema.nullish(),
    tenantId: textSchema(cmsLimits.text.tenantId).nullish(),
  }),
);
const updateInput = inputSchema<UpdateMediaInput>()(
  z.object({ name: nameSchema.nullish(), altText: altTextSchema.nullish(), caption: captionSchema.nullish() }),
).refine(
  (input) => Object.values(input).some((value) => value !== undefined),
  'give at least one of name, altText, caption',
);
const filterSchema = inputSchema<MediaFileFilter>()(
  z.object({
    mimeTypePrefix: columnText.mimeTypePrefix.transform((value) => value.toLowerCase()).nullish(),
    uploadedById: idSchema.nullish(),
    search: searchSchema,
  }),
);

export const listMediaFiles = tenantList((db: CmsRequest['db']) => db.mediaFile, {
  where: parsedWhere(
    filterSchema,
    (filter): Prisma.MediaFileWhereInput => ({
      ...(filter.mimeTypePrefix ? { mimeType: { startsWith: filter.mimeTypePrefix } } : {}),
      ...(filter.uploadedById ? { uploaderId: filter.uploadedById } : {}),
      ...(filter.search ? { name: { contains: filter.search, mode: 'insensitive' as const } } : {}),
    }),
  ),
  order: { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt', NAME: 'name' },
});

/** The stored bytes as base64; null when the storage has none under the file's key. */
export async function mediaContentBase64(storage: MediaStorage, file: MediaFile): Promise<string | null> {
  const bytes = await storage.get(file.path);
  return bytes ? bytes.toString('base64') : null;
}

/**
 * Stores the bytes, then commits the row with its audit entry. If the transaction fails the bytes
 * are removed again: there is never a row without bytes (bytes without a row are only left when
 * that clean-up itself fails, and are harmless).
 */
export async function uploadMedia(request: MediaRequest, input: UploadMediaInput): Promise<MediaFile> {
  const identity = requireIdentity(request.identity);
  const parsed = parseInput(uploadInput, input, 'input');
  const tenantId = targetTenantId(identity, parsed.tenantId, 'input.tenantId');
  const bytes = decodeMedia(parsed.contentBase64, parsed.mimeType);
  const id = randomUUID();
  const key = `${tenantId}/${id}`;
  await request.storage.put(key, bytes);
  try {
    return await withScope(request.db, request.dataScope, async (tx) => {
      const file = await tx.mediaFile.create({
        data: {
          id,
          tenantId,
          name: parsed.name,
          mimeType: parsed.mimeType,
          size: BigInt(bytes.length),
          sha256: sha256Hex(bytes),
          path: key,
          altText: parsed.altText ?? null,
          caption: parsed.caption ?? null,
          uploaderId: identity.subjectId,
        },
      });
      await recordAudit(tx, request, {
        tenantId,
        action: 'media.upload',
        entityType: 'MediaFile',
        entityId: id,
        changes: { name: file.name, mimeType: file.mimeType, size: bytes.length, sha256: file.sha256 },
      });
      return file;
    });
  } catch (error) {
    await removeBytes(request, key);
    throw error;
  }
}

/** Name, alt text and caption. CLIENT: own uploads only. */
export async function updateMedia(request: CmsRequest, id: string, input: UpdateMediaInput): Promise<MediaFile> {
  const identity = requireIdentity(request.identity);
  const fileId = existingId(id, 'Media file');
  // Null clears the alt text and caption, and leaves the name.
  const changes = changedFields(parseInput(updateInput, input, 'input'), ['altText', 'caption']);
  return withScope(request.db, request.dataScope, async (tx) => {
    const file = await findExisting(tx.mediaFile, fileId, 'Media file');
    requireOwnership(identity, [file.uploaderId], 'media file');
    const updated = await tx.mediaFile.update({ where: { id: fileId }, data: changes });
    await auditRow(tx, request, 'media.update', 'MediaFile', file, changes);
    return updated;
  });
}

/** Deletes the row (with its audit entry), then the bytes: never a row without bytes. CLIENT: own uploads only. */
export async function deleteMedia(request: MediaRequest, id: string): Promise<string> {
  const identity = requireIdentity(request.identity);
  const fileId = existingId(id, 'Media file');
  const file = await withScope(request.db, request.dataScope, async (tx) => {
    const found = await findExisting(tx.mediaFile, fileId, 'Media file');
    requireOwnership(identity, [found.uploaderId], 'media file');
    await tx.mediaFile.delete({ where: { id: fileId } });
    await auditRow(tx, request, 'media.delete', 'MediaFile', found, { name: found.name, path: found.path });
    return found;
  });
  await removeBytes(request, file.path);
  return fileId;
}

/** A failed removal leaves only unreachable bytes behind: logged for clean-up, not raised. */
async function removeBytes(request: MediaRequest, key: string) {
  try {
    await request.storage.remove(key);
  } catch (error) {
    request.logger.warn({ err: error, key }, 'media bytes could not be removed');
  }
}
