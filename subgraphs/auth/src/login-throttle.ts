import { apiError, ErrorCode } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import type { LoginThrottleSettings } from './settings.ts';

/**
 * Login throttling on counter rows (`login_throttles`), so it holds across instances and under
 * concurrency: an attempt is TAKEN (counted) in one statement before the password is checked, so
 * of 40 concurrent guesses only the allowed number reach the password check. From the limit on,
 * each attempt taken locks the key (the first lockout `lockoutMs`, doubling per further attempt, up
 * to `maxLockoutMs`); while locked nothing is counted or checked. A success deletes the row.
 */
export type ThrottleKey = string & { readonly throttleKey: true };

/** Governs a known account; trusted devices (a valid device token) each have their own counter. */
export const accountKey = (userId: string, deviceId: string | null) =>
  `account:${userId}:${deviceId ? `device:${deviceId}` : 'untrusted'}` as ThrottleKey;

/** Governs second-factor codes of one account (verifyMfa, enrolment, removal), wherever they come from. */
export const mfaKey = (userId: string) => `mfa:${userId}` as ThrottleKey;

/** Governs attempts at unknown accounts only, per client address. */
export const addressKey = (clientIp: string) => `address:${clientIp}` as ThrottleKey;

/** Password reset requests for one e-mail address (its SHA-256: the address itself is not stored here). */
export const resetEmailKey = (emailHash: string) => `reset:email:${emailHash}` as ThrottleKey;

/** Password reset requests from one client address. */
export const resetAddressKey = (clientIp: string) => `reset:address:${clientIp}` as ThrottleKey;

// Attempts are forgotten after a window without attempts and without a lockout in force.
const forgotten = `(t.last_attempt_at <= now() - $3::float8 * interval '1 millisecond'
  AND (t.locked_until IS NULL OR t.locked_until <= now() - $3::float8 * interval '1 millisecond'))`;
const nextCount = `(CASE WHEN ${forgotten} THEN 1 ELSE t.attempts + 1 END)`;
const lockAfter = (count: string) =>
  `(CASE WHEN ${count} >= $2::int THEN now() + LEAST($4::float8 * power(2, ${count} - $2::int), $5::float8) * interval '1 millisecond' END)`;

const takeAttemptSql = `
  INSERT INTO "login_throttles" AS t ("key", "attempts", "last_attempt_at", "locked_until")
  VALUES ($1, 1, now(), ${lockAfter('1')})
  ON CONFLICT ("key") DO UPDATE SET
    "attempts" = ${nextCount}, "last_attempt_at" = now(), "locked_until" = ${lockAfter(nextCount)}
  WHERE t.locked_until IS NULL OR t.locked_until <= now()
  RETURNING "attempts"`;

const rateLimited = (message: string, retryAfterSeconds: number) =>
  apiError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });

/** Counts one attempt of `key`, or throws RATE_LIMITED (with `retryAfterSeconds`) while it is locked out. */
export async function takeLoginAttempt(
  db: AuthDatabase,
  settings: LoginThrottleSettings,
  key: ThrottleKey,
  limit: number,
  message = 'Too many failed logins; try again later',
): Promise<void> {
  const taken = await db.$queryRawUnsafe<{ attempts: number }[]>(
    takeAttemptSql,
    key,
    limit,
    settings.windowMs,
    settings.lockoutMs,
    settings.maxLockoutMs,
  );
  if (taken.length > 0) return;
  const [row] = await db.$queryRawUnsafe<{ seconds: number | null }[]>(
    `SELECT ceil(extract(epoch FROM "locked_until" - now()))::int AS seconds FROM "login_throttles" WHERE "key" = $1`,
    key,
  );
  throw rateLimited(message, Math.max(1, row?.seconds ?? 1));
}

/** A successful login forgets the attempts of its key (its account and device class). */
export async function clearLoginAttempts(db: AuthDatabase, key: ThrottleKey): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM "login_throttles" WHERE "key" = $1`, key);
}

/** A completed second step forgets the MFA attempts of its account (never cleared by a password alone). */
export async function clearMfaAttempts(db: AuthDatabase, userId: string): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM "login_throttles" WHERE "key" = $1`, mfaKey(userId));
}
