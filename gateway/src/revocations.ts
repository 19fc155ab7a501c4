import { revocationsPath, type RevocationList } from '@codex/kit/access-token';
import { signGatewayToken, gatewayTokenHeader } from '@codex/kit/gateway-trust';
import type { Logger } from '@codex/kit/logger';

export interface RevocationView {
  isSessionRevoked: (sessionId: string) => boolean;
  isUserDeactivated: (userId: string) => boolean;
  isMachineClientRevoked: (clientId: string) => boolean;
  isTenantBlocked: (tenantId: string) => boolean;
  /** Fetches the list now (start-up and tests); the poller keeps it fresh afterwards. */
  refresh: () => Promise<void>;
  stop: () => void;
}

/**
 * Keeps Auth's revocation list in memory, polled every `intervalMs`, so a revoked session, a
 * deactivated user or a suspended tenant is refused within seconds while tokens stay verifiable
 * without a round trip per request. On a failed poll the last good list is kept (and logged).
 */
export function watchRevocations(options: {
  authOrigin: string;
  gatewayKey: Uint8Array;
  intervalMs: number;
  logger: Logger;
}): RevocationView {
  let sessions = new Set<string>();
  let users = new Set<string>();
  let machineClients = new Set<string>();
  let tenants = new Set<string>();
  const refresh = async () => {
    try {
      const token = await signGatewayToken(options.gatewayKey, {
        requestId: 'revocation-poll',
        clientIp: null,
        identity: null,
      });
      const response = await fetch(new URL(revocationsPath, options.authOrigin), {
        headers: { [gatewayTokenHeader]: token },
        signal: AbortSignal.timeout(options.intervalMs),
      });
      if (!response.ok) throw new Error(`auth answered ${response.status}`);
      const list = (await response.json()) as RevocationList;
      sessions = new Set(list.revokedSessionIds);
      users = new Set(list.deactivatedUserIds);
      machineClients = new Set(list.revokedMachineClientIds);
      tenants = new Set(list.blockedTenantIds);
    } catch (error) {
      options.logger.warn({ err: error }, 'revocation list not refreshed; keeping the last one');
    }
  };
  const timer = setInterval(() => void refresh(), options.intervalMs);
  timer.unref();
  return {
    isSessionRevoked: (id) => sessions.has(id),
    isUserDeactivated: (id) => users.has(id),
    isMachineClientRevoked: (id) => machineClients.has(id),
    isTenantBlocked: (id) => tenants.has(id),
    refresh,
    stop: () => clearInterval(timer),
  };
}
