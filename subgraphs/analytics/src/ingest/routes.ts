import { forwardedRequestOf, ingestionOriginsPath } from '@codex/kit';
import { Router } from 'express';
import type { AnalyticsDatabase } from '../db.ts';
import { originsForIdentity } from './origins.ts';

/** The kit mounts the gateway-only router under /internal. */
const underInternal = (path: string) => path.replace(/^\/internal/, '');

/** Behind the gateway signature: the allowed origins of the tenant whose ingestion key the gateway verified. */
export function ingestRoutes(db: AnalyticsDatabase) {
  const gateway = Router();
  gateway.post(underInternal(ingestionOriginsPath), async (_req, res) => {
    const allowedOrigins = await originsForIdentity(db, forwardedRequestOf(res).identity);
    res.set('cache-control', 'no-store').json({ allowedOrigins });
  });
  return { gateway };
}
