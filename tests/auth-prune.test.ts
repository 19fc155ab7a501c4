import { randomUUID } from 'node:crypto';
import { allTenants, loadSubgraphConfig } from '@codex/kit';
import {
  createAuthDatabase,
  loadAuthSettings,
  pruneStaleRows,
  scopeAuthDatabase,
  type AuthDatabase,
} from '@codex/subgraph-auth';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { query } from './support/scratch-database.ts';

/**
 * Auth's first background task on the shared platform's Auth database: it prunes login throttle
 * rows past their window and sessions ended longer than the retention ago, and nothing else.
 */
const authUrl = inject('databaseUrls').auth;
const db: AuthDatabase = createAuthDatabase(authUrl);
const system = scopeAuthDatabase(db, allTenants);
afterAll(() => db.$disconnect());

const settings = loadAuthSettings(
  loadSubgraphConfig('auth', {
    AUTH_DATABASE_URL: authUrl,
    GATEWAY_SECRET: inject('gatewaySecret'),
    AUTH_KEY_ENCRYPTION_SECRET: inject('authKeyEncryptionSecret'),
  }),
);
const minute = 60_000;
const day = 24 * 60 * minute;
const ago = (milliseconds: number) => new Date(Date.now() - milliseconds);

async function throttles(prefix: string) {
  const rows = await system.loginThrottle.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
  return rows.map((row) => row.key.slice(prefix.length)).sort();
}

/** A user of a fresh tenant with one session (refresh token) per entry of `sessions`. */
async function userWithSessions(sessions: Record<string, { expiresAt: Date; revokedAt?: Date }>) {
  const tenant = await system.tenant.create({ data: { slug: `prune-${randomUUID()}`, name: 'Prune test' } });
  const user = await system.user.create({
    data: { tenantId: tenant.id, email: `${randomUUID()}@prune.test`, passwordHash: 'unused', role: 'CLIENT' },
  });
  for (const [label, times] of Object.entries(sessions))
    await system.session.create({
      data: {
        familyId: randomUUID(),
        userId: user.id,
        tenantId: tenant.id,
        refreshTokenHash: randomUUID(),
        userAgent: label,
        ...times,
      },
    });
  return user.id;
}

describe('pruning stale Auth rows', () => {
  it('removes login throttles past their window and sessions ended past the retention, and nothing else', async () => {
    const prefix = `test:${randomUUID()}:`;
    const window = settings.loginThrottle.windowMs;
    await system.loginThrottle.createMany({
      data: [
        { key: `${prefix}stale`, attempts: 3, lastAttemptAt: ago(window + minute) },
        {
          key: `${prefix}stale-lock-over`,
          attempts: 9,
          lastAttemptAt: ago(window + 5 * minute),
          lockedUntil: ago(window + minute),
        },
        {
          key: `${prefix}locked`,
          attempts: 9,
          lastAttemptAt: ago(window + minute),
          lockedUntil: new Date(Date.now() + day),
        },
        { key: `${prefix}lock-just-over`, attempts: 9, lastAttemptAt: ago(window + minute), lockedUntil: ago(minute) },
        { key: `${prefix}recent`, attempts: 1, lastAttemptAt: ago(minute) },
      ],
    });
    const retention = settings.sessionRetentionMs;
    const userId = await userWithSessions({
      'expired-long-ago': { expiresAt: ago(retention + day) },
      'revoked-long-ago': { expiresAt: new Date(Date.now() + day), revokedAt: ago(retention + day) },
      'expired-recently': { expiresAt: ago(retention - day) },
      'revoked-recently': { expiresAt: new Date(Date.now() + day), revokedAt: ago(minute) },
      live: { expiresAt: new Date(Date.now() + day) },
    });

    const pruned = await pruneStaleRows(db, settings, new Date());

    expect(await throttles(prefix)).toEqual(['lock-just-over', 'locked', 'recent']);
    const left = await system.session.findMany({ where: { userId }, select: { userAgent: true } });
    expect(left.map((row) => row.userAgent).sort()).toEqual(['expired-recently', 'live', 'revoked-recently']);
    expect(pruned.loginThrottles).toBeGreaterThanOrEqual(2);
    expect(pruned.sessions).toBeGreaterThanOrEqual(2);
  });

  it('runs as a recurring task of the Auth service, whose readiness shows its job queue', async () => {
    const [schedule] = await query<{ cron: string }>(authUrl, `SELECT cron FROM pgboss.schedule WHERE name = $1`, [
      'auth.prune-stale-rows',
    ]);
    expect(schedule?.cron).toBe('*/15 * * * *');
    const response = await fetch(new URL('/health/ready', inject('subgraphUrls').auth));
    expect(await response.json()).toMatchObject({
      checks: {
        jobs: {
          status: 'up',
          state: 'running',
          tasks: ['auth.prune-stale-rows', 'auth.webhook-delivery', 'auth.send-mail', 'auth.prune-domain-events'],
        },
      },
    });
  });
});
