import { hash, verify } from '@node-rs/argon2';
import { randomSecret } from './secrets.ts';

/** argon2id (the @node-rs/argon2 default) with its default cost. */
export const hashPassword = (password: string) => hash(password);

// Verified against when no user matches, so a wrong email costs as much time as a wrong password.
const dummyHash = hash(randomSecret());

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false; // a malformed stored hash never matches
  }
}

/** As long as hashing a password: what a request costs when it must not tell whether an account exists. */
export const dummyPasswordWork = async () => void (await hash(randomSecret()));

/** A password nobody knows: invited users set theirs through a reset. */
export const unusablePasswordHash = () => hash(randomSecret());
