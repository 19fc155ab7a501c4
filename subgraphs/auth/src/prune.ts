import { allTenants, withScope } from '@codex/kit';
import { defineTask } from '@codex/kit/job-queue';
import { z } from 'zod';
import { scopeAuthDatabase, type AuthDatabase } from './db.ts';
import type { AuthSettings } from './settings.ts';

/** Rows per delete statement: each batch is its own short transaction, well inside the statement timeout. */
const batchSize = 1000;

// The stale condition is repeated on the outer DELETE so that a row a login updates meanwhile is
// checked again in its new version (and kept), not deleted because the inner SELECT saw it stale.
const forgottenThrottle = (alias: string) => `${alias}."last_attempt_at" <= $1::timestamptz
  AND (${alias}."locked_until" IS NULL OR ${alias}."locked_until" <= $1::timestamptz)`;
const deleteThrottlesSql = `
  DELETE FROM "login_throttles" AS t
  WHERE t."key" IN (SELECT s."key" FROM "login_throttles" AS s WHERE ${forgottenThrottle('s')} LIMIT $2)
    AND ${forgottenThrottle('t')}`;

const endedSession = (alias: string) =>
  `(${alias}."expires_at" < $1::timestamptz OR ${alias}."revoked_at" < $1::timestamptz)`;
const deleteSessionsSql = `
  DELETE FROM "sessions" AS t
  WHERE t."id" IN (SELECT s."id" FROM "sessions" AS s WHERE ${endedSession('s')} LIMIT $2)
    AND ${endedSession('t')}`;

// An MFA challenge is worth nothing once expired (used ones too): kept a day for the record.
const deleteChallengesSql = `
  DELETE FROM "mfa_challenges" AS t
  WHERE t."id" IN (SELECT s."id" FROM "mfa_challenges" AS s WHERE s."expires_at" < $1::timestamptz LIMIT $2)`;

export interface PrunedRows {
  loginThrottles: number;
  sessions: number;
  mfaChallenges: number;
}

/**
 * Deletes what Auth no longer needs at `now`: login throttle rows past their window (no attempt
 * and no lockout within it: the throttle would start them afresh anyway) and refresh tokens
 * (`sessions` rows) that expired or were revoked more than the retention ago, and MFA challenges
 * expired a day ago. Sessions are tenant
 * rows, so this is system work across every tenant, said explicitly (allTenants).
 */
export async function pruneStaleRows(db: AuthDatabase, settings: AuthSettings, now: Date): Promise<PrunedRows> {
  const system = scopeAuthDatabase(db, allTenants);
  const deleteAll = async (sql: string, cutoff: Date) => {
    let total = 0;
    for (;;) {
      const deleted = await withScope(system, allTenants, (tx) => tx.$executeRawUnsafe(sql, cutoff, batchSize));
      total += deleted;
      if (deleted < batchSize) return total;
    }
  };
  return {
    loginThrottles: await deleteAll(deleteThrottlesSql, before(now, settings.loginThrottle.windowMs)),
    sessions: await deleteAll(deleteSessionsSql, before(now, settings.sessionRetentionMs)),
    mfaChallenges: await deleteAll(deleteChallengesSql, before(now, 24 * 60 * 60_000)),
  };
}

const before = (time: Date, milliseconds: number) => new Date(time.getTime() - milliseconds);

/** `pruneStaleRows` every 15 minutes, once per slot whatever the number of Auth replicas. */
export const pruneStaleRowsTask = (db: AuthDatabase, settings: AuthSettings) =>
  defineTask({
    name: 'auth.prune-stale-rows',
    payload: z.object({}),
    cron: { pattern: '*/15 * * * *', payload: {} },
    maxAttempts: 3,
    timeoutSeconds: 600,
    run: async (_payload, { now, logger }) => {
      const pruned = await pruneStaleRows(db, settings, now);
      logger.info(pruned, 'stale login throttles and ended sessions pruned');
    },
  });
