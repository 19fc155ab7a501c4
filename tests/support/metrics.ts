import { randomUUID } from 'node:crypto';
import { gatewayKey, gatewayTokenHeader, signGatewayToken } from '@codex/kit';
import { inject } from 'vitest';

/** GET /metrics of the service behind `graphqlUrl`, signed as the gateway would (or with a METRICS_TOKEN bearer). */
export async function scrapeMetrics(graphqlUrl: string, options: { bearer?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = options.bearer
    ? { authorization: `Bearer ${options.bearer}` }
    : {
        [gatewayTokenHeader]: await signGatewayToken(gatewayKey(inject('gatewaySecret')), {
          requestId: randomUUID(),
          clientIp: '127.0.0.1',
          identity: null,
        }),
      };
  return fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), { headers });
}
