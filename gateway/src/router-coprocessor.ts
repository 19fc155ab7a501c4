import type { IncomingHttpHeaders } from 'node:http';
import { gatewayKey, gatewayTokenHeader, signGatewayToken } from '@codex/kit/gateway-trust';
import { expressServer, listen } from '@codex/kit/http';
import { requestIdFrom, requestIdHeader } from '@codex/kit/context';
import type { Identity } from '@codex/kit/identity';
import type { Logger } from '@codex/kit/logger';
import type { RunningServer } from '@codex/kit/subgraph-server';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { GatewayConfig } from './config.ts';
import { createCredentialResolver } from './credentials.ts';
import { watchRevocations } from './revocations.ts';

/**
 * An Apollo Router external coprocessor that gives Router what this gateway does itself: it checks
 * the caller's credential once per client request (RouterRequest stage: the same verification,
 * revocation list and API-key lookup as the gateway) and signs every subgraph request with the
 * gateway secret (SubgraphRequest stage), so the subgraphs need no change behind Router.
 */
export interface CoprocessorPayload {
  version: number;
  stage: string;
  control: unknown;
  id: string;
  headers?: Record<string, string[]>;
  context?: { entries?: Record<string, unknown> };
  body?: unknown;
  [other: string]: unknown;
}

/** Keys under which the caller travels in Router's request context, from one stage to the next. */
const contextKey = {
  identity: 'codex::identity',
  requestId: 'codex::request_id',
  clientIp: 'codex::client_ip',
  userAgent: 'codex::user_agent',
} as const;

const incomingHeaders = (headers: Record<string, string[]> = {}): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).map(([name, values]) => [name.toLowerCase(), values[0]]));

export function createCoprocessor(options: {
  identify: ReturnType<typeof createCredentialResolver>;
  gatewayKey: Uint8Array;
}) {
  async function routerRequest(payload: CoprocessorPayload): Promise<CoprocessorPayload> {
    const headers = incomingHeaders(payload.headers);
    const requestId = requestIdFrom(headers);
    let identity: Identity | null;
    try {
      identity = await options.identify(headers, requestId);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const { http, ...extensions } = error.extensions as { http?: { status?: number } };
      return {
        ...payload,
        control: { break: http?.status ?? 401 },
        body: { errors: [{ message: error.message, extensions }] },
      };
    }
    const forwardedFor = headers['x-forwarded-for'];
    const entries = {
      ...payload.context?.entries,
      [contextKey.identity]: identity,
      [contextKey.requestId]: requestId,
      [contextKey.clientIp]: typeof forwardedFor === 'string' ? forwardedFor.split(',')[0]!.trim() : null,
      [contextKey.userAgent]: headers['user-agent'] ?? null,
    };
    return { ...payload, context: { ...payload.context, entries } };
  }

  async function subgraphRequest(payload: CoprocessorPayload): Promise<CoprocessorPayload> {
    const entries = payload.context?.entries ?? {};
    const requestId = String(entries[contextKey.requestId] ?? payload.id);
    const token = await signGatewayToken(options.gatewayKey, {
      requestId,
      clientIp: (entries[contextKey.clientIp] as string | null) ?? null,
      userAgent: (entries[contextKey.userAgent] as string | null) ?? null,
      identity: (entries[contextKey.identity] as Identity | null) ?? null,
    });
    return {
      ...payload,
      headers: { ...payload.headers, [gatewayTokenHeader]: [token], [requestIdHeader]: [requestId] },
    };
  }

  return async function handle(payload: CoprocessorPayload): Promise<CoprocessorPayload> {
    if (payload.stage === 'RouterRequest') return routerRequest(payload);
    if (payload.stage === 'SubgraphRequest') return subgraphRequest(payload);
    return payload;
  };
}

/** The coprocessor as an HTTP service (Router POSTs one JSON payload per stage). */
export async function startRouterCoprocessor(
  config: GatewayConfig & { coprocessorPort: number },
  logger: Logger,
): Promise<RunningServer> {
  const key = gatewayKey(config.gatewaySecret);
  const authOrigin = new URL(config.subgraphUrls.auth).origin;
  const revocations = watchRevocations({ authOrigin, gatewayKey: key, intervalMs: config.revocationPollMs, logger });
  void revocations.refresh();
  const handle = createCoprocessor({
    identify: createCredentialResolver({ authOrigin, gatewayKey: key, revocations, logger }),
    gatewayKey: key,
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'up', service: 'router-coprocessor' });
  });
  app.post('/', express.json({ limit: '1mb' }), async (req, res, next) => {
    try {
      res.json(await handle(req.body as CoprocessorPayload));
    } catch (error) {
      next(error);
    }
  });
  const httpServer = expressServer(app);
  const listening = await listen(httpServer, {
    port: config.coprocessorPort,
    host: config.host,
    setting: 'COPROCESSOR_PORT',
  });
  logger.info({ url: listening.url }, 'router coprocessor ready');
  return {
    url: listening.url,
    port: listening.port,
    stop: async () => {
      revocations.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
