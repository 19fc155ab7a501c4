import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Router } from 'express';
import { ErrorCode } from './errors.ts';
import { gatewayTokenHeader, verifyGatewayToken } from './gateway-trust.ts';
import type { Metrics } from './metrics.ts';

export interface MetricsAccess {
  /** Key of the gateway's signature (GATEWAY_SECRET): a signed request may always scrape. */
  gatewayKey: Uint8Array;
  /** METRICS_TOKEN: when set, `Authorization: Bearer <token>` may scrape too. */
  token: string | null;
}

/** Compares digests so that neither the token's content nor its length leaks through timing. */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());

/** Whether a scrape carries the gateway's signature or the metrics bearer token. */
export async function mayScrape(req: Request, access: MetricsAccess): Promise<boolean> {
  const bearer = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
  if (access.token && bearer && sameSecret(bearer, access.token)) return true;
  const signature = req.header(gatewayTokenHeader);
  if (!signature) return false;
  try {
    verifyGatewayToken(access.gatewayKey, signature);
    return true;
  } catch {
    return false;
  }
}

/** GET /metrics: the service's Prometheus registry, only to the gateway's signature or METRICS_TOKEN. */
export function metricsRouter(metrics: Metrics, access: MetricsAccess): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!(await mayScrape(req, access))) {
      res.status(401).json({
        errors: [
          {
            message: 'Metrics need the gateway signature or the METRICS_TOKEN bearer token',
            extensions: { code: ErrorCode.UNAUTHENTICATED },
          },
        ],
      });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
