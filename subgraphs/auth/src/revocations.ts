import type { RevocationList } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { tokenHorizonMs, type AuthSettings } from './settings.ts';
import { blockedTenantStatuses } from './tenant-status.ts';

/**
 * What the gateway must refuse although the token is unexpired: sessions (families) and machine
 * clients revoked within the token horizon, inactive users (few), blocked tenants. One query each.
 * `db`: all tenants.
 */
export async function revocationList(db: AuthDatabase, settings: AuthSettings): Promise<RevocationList> {
  const since = new Date(Date.now() - tokenHorizonMs(settings));
  const [sessions, clients, users, tenants] = await Promise.all([
    db.session.findMany({ where: { revokedAt: { gt: since } }, distinct: ['familyId'], select: { familyId: true } }),
    db.machineClient.findMany({ where: { revokedAt: { gt: since } }, select: { id: true } }),
    db.user.findMany({ where: { active: false }, select: { id: true } }),
    db.tenant.findMany({ where: { status: { in: blockedTenantStatuses } }, select: { id: true } }),
  ]);
  return {
    revokedSessionIds: sessions.map((row) => row.familyId),
    revokedMachineClientIds: clients.map((row) => row.id),
    deactivatedUserIds: users.map((row) => row.id),
    blockedTenantIds: tenants.map((row) => row.id),
    generatedAt: new Date().toISOString(),
  };
}
