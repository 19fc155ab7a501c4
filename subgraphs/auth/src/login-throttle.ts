import { apiError, ErrorCode } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import type { AuthSettings } from './settings.ts';

/**
 * Failed-login throttling, computed from LOGIN_FAILED auth events so it holds across instances.
 * With `limit` failures inside the window, attempts are refused until the oldest of the latest
 * `limit` failures leaves the window.
 */
async function retryAfterSeconds(
  db: AuthDatabase,
  where: { email: string } | { ip: string },
  limit: number,
  windowMs: number,
) {
  const now = Date.now();
  const recent = await db.authEvent.findMany({
    where: { ...where, type: 'LOGIN_FAILED', createdAt: { gt: new Date(now - windowMs) } },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { createdAt: true },
  });
  const oldest = recent[limit - 1];
  return oldest ? Math.max(1, Math.ceil((oldest.createdAt.getTime() + windowMs - now) / 1000)) : null;
}

/** Throws RATE_LIMITED (with `retryAfterSeconds`) when the account or the address has failed too often. */
export async function assertLoginAllowed(db: AuthDatabase, settings: AuthSettings, account: string, ip: string | null) {
  const { windowMs, perAccount, perAddress } = settings.loginThrottle;
  const [byAccount, byAddress] = await Promise.all([
    retryAfterSeconds(db, { email: account }, perAccount, windowMs),
    ip ? retryAfterSeconds(db, { ip }, perAddress, windowMs) : null,
  ]);
  const wait = Math.max(byAccount ?? 0, byAddress ?? 0);
  if (wait > 0) {
    throw apiError(ErrorCode.RATE_LIMITED, 'Too many failed logins; try again later', { retryAfterSeconds: wait });
  }
}
