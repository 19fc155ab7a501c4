/** What the CMS accepts as an upload (subgraphs/cms media rules), checked before the bytes are sent. */
export const mediaMimeTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/svg+xml',
  'application/pdf',
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/json',
] as const;

export const maxMediaBytes = 512 * 1024;

interface FileLike {
  name: string;
  type: string;
  size: number;
}

/** Why a chosen file cannot be uploaded, or null when it can. */
export function uploadProblem(file: FileLike): string | null {
  if (!(mediaMimeTypes as readonly string[]).includes(file.type))
    return `${file.name}: ${file.type || 'this file type'} is not accepted (images, PDF, text, CSV, JSON)`;
  if (file.size > maxMediaBytes) return `${file.name}: ${formatBytes(file.size)} is over the 512 KB limit`;
  if (file.size === 0) return `${file.name} is empty`;
  return null;
}

/** Bytes as base64, in chunks so a large file never overflows the argument list of `fromCharCode`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Previewable in an <img>: images only (an SVG is shown as an image, never inlined as markup). */
export const isImage = (mimeType: string) => mimeType.startsWith('image/');
