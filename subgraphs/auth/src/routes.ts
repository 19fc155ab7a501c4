import { apiKeyVerificationPath, jwksPath, revocationsPath } from '@codex/kit';
import { Router } from 'express';
import { verifyApiKey } from './api-keys.ts';
import { revocationList } from './revocations.ts';
import type { AuthServices } from './services.ts';

/** The gateway-only router is mounted under /internal by the kit. */
const underInternal = (path: string) => path.replace(/^\/internal/, '');

/**
 * `public`: the JWKS verifiers fetch (short cache so rotations spread fast).
 * `gateway` (behind the gateway signature): the revocation list and API key verification.
 */
export function authRoutes(services: AuthServices) {
  const publicRoutes = Router();
  publicRoutes.get(jwksPath, async (_req, res) => {
    res.set('cache-control', 'public, max-age=60').json(await services.keys.jwks());
  });

  const gatewayRoutes = Router();
  gatewayRoutes.get(underInternal(revocationsPath), async (_req, res) => {
    res.set('cache-control', 'no-store').json(await revocationList(services.system, services.settings));
  });
  gatewayRoutes.post(underInternal(apiKeyVerificationPath), async (req, res) => {
    const key: unknown = (req.body as { key?: unknown } | undefined)?.key;
    const identity = typeof key === 'string' ? await verifyApiKey(services.system, key) : null;
    if (identity) res.json(identity);
    else res.status(404).json({ error: 'unknown, expired or revoked key' });
  });

  return { public: publicRoutes, gateway: gatewayRoutes };
}
