import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** High-entropy random text for tokens and secrets (base64url). */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Lower-case hex identifier part (key prefixes, client ids). */
export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

/** SHA-256 is enough for high-entropy secrets (tokens, keys); passwords use argon2id. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
