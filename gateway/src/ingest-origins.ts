import { gatewayTokenHeader, signGatewayToken } from '@codex/kit/gateway-trust';
import type { Identity } from '@codex/kit/identity';
import { apiError, ErrorCode } from '@codex/kit/errors';
import { ingestionOriginsPath } from '@codex/kit/services';

/** As long as a verified API key is trusted: an ADMIN's change reaches pages within it. */
const cacheMs = 2000;
const cacheLimit = 10_000;

/**
 * The web origins each tenant allows to send events (`setIngestionOrigins`), asked of Analytics
 * over its gateway-only route and kept 2 s per tenant.
 */
export function createIngestionOrigins(options: { analyticsUrl: string; gatewayKey: Uint8Array }) {
  const cache = new Map<string, { origins: string[]; until: number }>();
  const url = new URL(ingestionOriginsPath, options.analyticsUrl);

  const fetchOrigins = async (identity: Identity, requestId: string): Promise<string[]> => {
    const token = await signGatewayToken(options.gatewayKey, { requestId, clientIp: null, identity });
    const response = await fetch(url, {
      method: 'POST',
      headers: { [gatewayTokenHeader]: token },
      signal: AbortSignal.timeout(3000),
    }).catch(() => null);
    if (response?.status !== 200)
      throw apiError(ErrorCode.SERVICE_UNAVAILABLE, 'Ingestion origins cannot be checked right now');
    return ((await response.json()) as { allowedOrigins: string[] }).allowedOrigins;
  };

  /** Whether `origin` may send events with `identity`'s credential. */
  return async function allows(identity: Identity, origin: string, requestId: string): Promise<boolean> {
    if (!identity.tenantId) return false;
    const cached = cache.get(identity.tenantId);
    const origins = cached && cached.until > Date.now() ? cached.origins : await fetchOrigins(identity, requestId);
    if (cache.size >= cacheLimit) cache.clear();
    if (!cached || cached.until <= Date.now()) cache.set(identity.tenantId, { origins, until: Date.now() + cacheMs });
    return origins.includes(origin);
  };
}
