import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import {
  assignRequestId,
  formatApiError,
  gatewayKey,
  listen,
  requestIdOf,
  requestLogPlugin,
  type Logger,
  type RequestContext,
  type RunningServer,
  type SubgraphName,
} from '@codex/kit';
import express from 'express';
import { supergraphFile } from './compose.ts';
import type { GatewayConfig } from './config.ts';
import { createCredentialResolver } from './credentials.ts';
import { introspectionForSuperadminsOnly, withoutSuggestions } from './introspection.ts';
import { watchRevocations } from './revocations.ts';
import { checkSubgraphs } from './subgraph-health.ts';
import { SubgraphSource } from './subgraph-source.ts';

export const gatewayVersion = '0.1.0';

/**
 * The gateway runs from the committed supergraph (no start-up race with subgraphs: it starts even
 * when they are down) and sends each subgraph's fetches to that subgraph's configured URL.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningServer> {
  const supergraphSdl = await readFile(supergraphFile, 'utf8');
  const key = gatewayKey(config.gatewaySecret);
  const production = config.nodeEnv === 'production';
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphSource(key, { url: config.subgraphUrls[name as SubgraphName] ?? url }),
  });
  const authOrigin = new URL(config.subgraphUrls.auth).origin;
  const revocations = watchRevocations({ authOrigin, gatewayKey: key, intervalMs: config.revocationPollMs, logger });
  void revocations.refresh();
  const identify = createCredentialResolver({ authOrigin, gatewayKey: key, revocations, logger });

  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      requestLogPlugin<RequestContext>(),
      ...(production ? [introspectionForSuperadminsOnly()] : []),
    ],
    introspection: true,
    formatError: (formatted) => (production ? withoutSuggestions(formatApiError(formatted, false)) : formatted),
    includeStacktraceInErrorResponses: !production,
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'up', service: 'gateway', version: gatewayVersion });
  });
  app.get('/health/ready', async (_req, res) => {
    const { status, checks } = await checkSubgraphs(config.subgraphUrls);
    const states = Object.values(checks).map((check) => check.status);
    const overall = status === 'up' ? 'up' : states.includes('up') ? 'degraded' : 'down';
    res.status(overall === 'down' ? 503 : 200).json({ status: overall, service: 'gateway', version: gatewayVersion, subgraphs: checks });
  });
  app.use(
    '/graphql',
    assignRequestId,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(res);
        const identity = await identify(req.headers, requestId);
        return {
          requestId,
          clientIp: req.socket.remoteAddress ?? null,
          userAgent: req.header('user-agent') ?? null,
          identity,
          logger: logger.child({ requestId }),
        };
      },
    }),
  );

  const listening = await listen(httpServer, { port: config.port, host: config.host, setting: 'PORT' });
  logger.info({ url: `${listening.url}/graphql` }, 'gateway ready');
  return {
    url: `${listening.url}/graphql`,
    port: listening.port,
    stop: async () => {
      revocations.stop();
      await apollo.stop();
    },
  };
}
