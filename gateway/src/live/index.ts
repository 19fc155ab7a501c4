import type { Server } from 'node:http';
import { apiError, ErrorCode } from '@codex/kit/errors';
import type { Logger } from '@codex/kit/logger';
import type { Router } from 'express';
import type { GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { PlatformHealth } from '../cdx/platform-health.ts';
import { assertNotRevoked } from '../credentials.ts';
import type { RevocationView } from '../revocations.ts';
import { assertNotExpired, type Identify } from './caller.ts';
import { createEventHub } from './event-hub.ts';
import { watchHealth } from './health-watch.ts';
import { createRegistry } from './registry.ts';
import { sseRouter } from './sse.ts';
import { createLiveSubscribe } from './subscribe.ts';
import type { RunQuery } from './tenant-figures.ts';
import type { LiveLimits, LiveTransportOptions } from './transport.ts';
import { serveWebSocket } from './ws.ts';

export const liveStreamPath = '/graphql/stream';

/** Connections per address per minute, for both transports (rate-limiter-flexible's memory store). */
function connectionBudget(perMinute: number) {
  const limiter = new RateLimiterMemory({ keyPrefix: 'live-connections', points: perMinute, duration: 60 });
  return async (address: string | null): Promise<GraphQLError | null> => {
    try {
      await limiter.consume(address ?? 'unknown');
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      return apiError(ErrorCode.RATE_LIMITED, `Too many live connections; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
  };
}

/**
 * Subscriptions through the gateway (README "Live queries"): graphql-ws on the HTTP server at
 * /graphql, graphql-sse at /graphql/stream, one in-memory hub of domain events (fed by `publish`),
 * the health poller, and the registry that ends a revoked caller's streams within `sweepMs`.
 */
export function startLive(options: {
  httpServer: Server;
  schema: () => GraphQLSchema;
  rules: readonly ValidationRule[];
  identify: Identify;
  revocations: RevocationView;
  runQuery: RunQuery;
  platformHealth: () => Promise<PlatformHealth>;
  limits: LiveLimits;
  sweepMs: number;
  logger: Logger;
}) {
  const hub = createEventHub();
  const health = watchHealth({
    check: options.platformHealth,
    intervalMs: options.limits.healthPollMs,
    logger: options.logger,
  });
  const registry = createRegistry({ perCaller: options.limits.perCaller, sweepMs: options.sweepMs });
  const subscribe = createLiveSubscribe({
    hub,
    health,
    registry,
    runQuery: options.runQuery,
    verify: ({ caller }) => {
      assertNotRevoked(caller.identity, options.revocations);
      assertNotExpired(caller);
    },
    perConnection: options.limits.perConnection,
    coalesceMs: options.limits.coalesceMs,
  });
  const transport: LiveTransportOptions = {
    schema: options.schema,
    rules: options.rules,
    subscribe,
    admitConnection: connectionBudget(options.limits.connectionsPerMinute),
    limits: options.limits,
  };
  const ws = serveWebSocket({
    ...transport,
    httpServer: options.httpServer,
    path: '/graphql',
    identify: options.identify,
  });
  const router: Router = sseRouter({ ...transport, path: liveStreamPath, identify: options.identify });
  return {
    router,
    publish: hub.publish,
    get subscriptions() {
      return registry.size;
    },
    stop: async () => {
      registry.stop();
      health.stop();
      await ws.close();
    },
  };
}
