import { createHash } from 'node:crypto';
import { badInput } from '@codex/kit';
import { z } from 'zod';
import { columnLimits } from './generated/column-limits.ts';

/** Largest file, decoded: small enough for a GraphQL body through the gateway (1 MiB) as base64. */
export const maxMediaBytes = 512 * 1024;

/**
 * The mime types an upload may declare, each with how its bytes must look: binary formats by
 * their signature, text formats as UTF-8 (SVG must contain an <svg> element, JSON must parse).
 * A file whose bytes contradict its declared type is refused.
 */
const startsWith =
  (signature: string | number[], offset = 0) =>
  (bytes: Buffer) => {
    const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
    return bytes.subarray(offset, offset + expected.length).equals(expected);
  };
const utf8 = new TextDecoder('utf-8', { fatal: true });
const isText = (bytes: Buffer) => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};
const isJson = (bytes: Buffer) => {
  try {
    JSON.parse(utf8.decode(bytes));
    return true;
  } catch {
    return false;
  }
};

const contentChecks: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': startsWith([0xff, 0xd8, 0xff]),
  'image/gif': (bytes) => startsWith('GIF87a')(bytes) || startsWith('GIF89a')(bytes),
  'image/webp': (bytes) => startsWith('RIFF')(bytes) && startsWith('WEBP', 8)(bytes),
  'image/svg+xml': (bytes) => isText(bytes) && /<svg[\s>]/i.test(bytes.toString('utf8')),
  'application/pdf': startsWith('%PDF-'),
  'text/plain': isText,
  'text/markdown': isText,
  'text/csv': isText,
  'application/json': isJson,
};
export const allowedMimeTypes = Object.keys(contentChecks);

export const mimeTypeSchema = z
  .string()
  .max(columnLimits.MediaFile.mimeType, `must be at most ${columnLimits.MediaFile.mimeType} characters`)
  .trim()
  .toLowerCase()
  .refine((value) => value in contentChecks, `must be one of ${allowedMimeTypes.join(', ')}`);

/** Base64 of at most `maxMediaBytes`: the length is checked before anything is decoded. */
export const contentBase64Schema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(Math.ceil(maxMediaBytes / 3) * 4 + 4, `must be at most ${maxMediaBytes} bytes once decoded`)
  .pipe(z.base64({ error: 'must be base64' }));

/** The decoded bytes, checked against the size limit and the declared mime type. */
export function decodeMedia(contentBase64: string, mimeType: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw badInput('input.contentBase64: must not be empty', 'input.contentBase64');
  if (bytes.length > maxMediaBytes)
    throw badInput(
      `input.contentBase64: must be at most ${maxMediaBytes} bytes once decoded (got ${bytes.length})`,
      'input.contentBase64',
    );
  if (!contentChecks[mimeType]?.(bytes))
    throw badInput(`input.contentBase64: the bytes are not ${mimeType}`, 'input.contentBase64');
  return bytes;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
