import type { RevocationList } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { tokenHorizonMs, type AuthSettings } from './settings.ts';
import { blockedTenantStatuses } from './tenant-status.ts';

/**
 * What the gateway must refuse although the token is unexpired: sessions (families) revoked within
 * the token horizon, inactive users (few), blocked tenants. One indexed query each. `db`: all tenants.
 */
export async function revocationList(db: AuthDatabase, settings: AuthSettings): Promise<RevocationList> {
  const since = new Date(Date.now() - tokenHorizonMs(settings));
  const [sessions, users, tenants] = await Promise.all([
    db.session.findMany({ where: { revokedAt: { gt: since } }, distinct: ['familyId'], select: { familyId: true } }),
    db.user.findMany({ where: { active: false }, select: { id: true } }),
    db.tenant.findMany({ where: { status: { in: blockedTenantStatuses } }, select: { id: true } }),
  ]);
  return {
    revokedSessionIds: sessions.map((row) => row.familyId),
    deactivatedUserIds: users.map((row) => row.id),
    blockedTenantIds: tenants.map((row) => row.id),
    generatedAt: new Date().toISOString(),
  };
}
