/**
 * Hive Gateway as the bench's peer (`hive-gateway supergraph <file> -c hive-gateway.config.ts`).
 * Our subgraphs answer only requests signed by a gateway: the bench sends a pre-signed
 * `x-codex-gateway` header and Hive forwards it. Inflight deduplication is off, as a signed
 * per-request header makes every one of our own gateway's fetches unique too.
 */
import { defineConfig } from '@graphql-hive/gateway';

const signedHeader = 'x-codex-gateway';

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [signedHeader]: request.headers.get(signedHeader) ?? '' }),
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  logging: 'warn',
});
