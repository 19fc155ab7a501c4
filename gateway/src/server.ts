import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { apolloExpressHandler } from '@codex/kit/apollo-express';
import { assignRequestId, requestIdOf } from '@codex/kit/context';
import { formatApiError } from '@codex/kit/errors';
import { gatewayKey } from '@codex/kit/gateway-trust';
import { expressServer, listen } from '@codex/kit/http';
import { bodyParserErrors } from '@codex/kit/json-body';
import { createMetrics, metricsPlugin } from '@codex/kit/metrics';
import { metricsRouter } from '@codex/kit/metrics-route';
import { requestLogPlugin } from '@codex/kit/apollo-plugins';
import type { Logger } from '@codex/kit/logger';
import type { RunningServer } from '@codex/kit/subgraph-server';
import { subgraphNames, type SubgraphName } from '@codex/kit/services';
import { followDomainEvents } from '@codex/kit/domain-events';
import express from 'express';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { cdxDataSource } from './cdx/data-source.ts';
import { cdxRouter } from './cdx/http.ts';
import { consoleStatic } from './console-static.ts';
import { buildCdxSchema } from './cdx/schema.ts';
import { checkPlatform, overallStatus } from './cdx/platform-health.ts';
import { cdxSubgraph, supergraphFile } from './compose.ts';
import type { GatewayConfig } from './config.ts';
import type { CdxContext } from './cdx/context.ts';
import { createCredentialResolver } from './credentials.ts';
import { withoutInternals } from './error-hygiene.ts';
import { createFastLane } from './fast-lane.ts';
import { ingestRouter } from './ingest-route.ts';
import { introspectionForSuperadminsOnly, withoutSuggestions } from './introspection.ts';
import { operationLimitRules, requestLimits, withLimitCode } from './operation-limits.ts';
import { operationResolution } from './operation-resolution.ts';
import {
  asOwnRequest,
  loadSafelist,
  persistedQueryCache,
  persistedQueryChecks,
  safelistPlugin,
} from './persisted-operations.ts';
import { createRateLimits } from './rate-limits.ts';
import { watchRevocations } from './revocations.ts';
import { coerceCustomScalars, finiteFloatLiterals, literalFieldNames } from './scalar-coercion.ts';
import { checkSubgraphs } from './subgraph-health.ts';
import { createRequestSigner } from './request-signature.ts';
import { createSubgraphClient } from './subgraph-fetch.ts';
import { createConnectionCount, createFetchDuration, createSubgraphSource } from './subgraph-source.ts';
import { startLive } from './live/index.ts';
import { gatewayWithSubscriptions } from './live/live-schema.ts';
import { subscriptionsNotOverHttp } from './live/http-refusal.ts';
import type { RunQuery } from './live/tenant-figures.ts';

export const gatewayVersion = '0.1.0';

/**
 * The gateway runs from the committed supergraph (no start-up race with subgraphs: it starts even
 * when they are down) and sends each subgraph's fetches to that subgraph's configured URL.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningServer> {
  const supergraphSdl = await readFile(supergraphFile, 'utf8');
  const key = gatewayKey(config.gatewaySecret);
  const production = config.nodeEnv === 'production';
  const cdxSchema = await buildCdxSchema();
  const cdx = cdxDataSource(cdxSchema);
  const metrics = createMetrics();
  const connectionsOpened = createConnectionCount(metrics);
  const subgraphClient = createSubgraphClient({ onConnect: (origin) => connectionsOpened.inc({ origin }) });
  const transport = {
    sign: createRequestSigner(key),
    client: subgraphClient,
    timeoutMs: config.limits.subgraphTimeoutMs,
    fetchDuration: createFetchDuration(metrics),
  };
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      name === cdxSubgraph.name
        ? cdx
        : createSubgraphSource(name, transport, config.subgraphUrls[name as SubgraphName] ?? url ?? ''),
  });
  // Registered before Apollo Server's own listener: it then reads the schema with real scalars.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => coerceCustomScalars(apiSchema));
  const platformHealth = () => checkPlatform(config.subgraphUrls, gatewayVersion);
  const authOrigin = new URL(config.subgraphUrls.auth).origin;
  const revocations = watchRevocations({ authOrigin, gatewayKey: key, intervalMs: config.revocationPollMs, logger });
  void revocations.refresh();
  const identify = createCredentialResolver({ authOrigin, gatewayKey: key, revocations, logger });
  const spendRateLimit = createRateLimits(config.limits);
  const safelist = await loadSafelist(config.persistedOperations.manifests);

  const app = express();
  const httpServer = expressServer(app);
  const live = gatewayWithSubscriptions(gateway);
  const fastLane = createFastLane({
    metrics,
    safelist: config.persistedOperations.mode === 'safelist' ? safelist : null,
  });
  const validationRules = [literalFieldNames, finiteFloatLiterals, ...operationLimitRules(config.limits)];
  const apollo = new ApolloServer<CdxContext>({
    gateway: fastLane.gateway(live.gateway),
    plugins: [
      fastLane.plugin,
      subscriptionsNotOverHttp(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      operationResolution(),
      requestLogPlugin<CdxContext>(),
      metricsPlugin<CdxContext>(metrics),
      ...(production ? [introspectionForSuperadminsOnly()] : []),
      ...(config.persistedOperations.mode === 'safelist' ? [safelistPlugin(safelist)] : []),
    ],
    validationRules,
    allowBatchedHttpRequests: true,
    persistedQueries: { cache: persistedQueryCache(safelist) },
    introspection: true,
    formatError: (formatted, error) => {
      // Masking is not a production-only courtesy: every mode answers without internals.
      const answer = withoutInternals(
        formatApiError(withLimitCode(formatted), {
          error,
          exposeStacks: config.exposeErrorStacks,
        }),
      );
      return production ? withoutSuggestions(answer) : answer;
    },
    includeStacktraceInErrorResponses: config.exposeErrorStacks,
  });
  await apollo.start();

  // tenantFigures re-runs its selection as a query through this very server, as the subscriber.
  const runQuery: RunQuery = async (identity, document, variables) => {
    const requestId = randomUUID();
    const response = await apollo.executeOperation(
      { query: document, variables },
      {
        contextValue: asOwnRequest({
          requestId,
          clientIp: null,
          userAgent: 'live',
          identity,
          logger: logger.child({ requestId }),
          platformHealth,
        }),
      },
    );
    if (response.body.kind !== 'single') return { errors: [] };
    const { data, errors } = response.body.singleResult;
    // Already formatted by formatError (codes, no internals); the transports serialise GraphQLErrors.
    const pushed = errors?.map(
      (error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }),
    );
    return { data, ...(pushed ? { errors: pushed } : {}) } as ExecutionResult;
  };
  const liveQueries = startLive({
    httpServer,
    schema: live.current,
    rules: validationRules,
    identify,
    revocations,
    runQuery,
    platformHealth,
    limits: config.live,
    sweepMs: Math.max(100, Math.floor(config.revocationPollMs / 4)),
    logger,
  });

  app.disable('x-powered-by');
  /** Built once per request: the fast lane and Apollo Server (when the request continues there) share it. */
  const contextOf = (req: express.Request, res: express.Response): Promise<CdxContext> => {
    res.locals.context ??= (async () => {
      const requestId = requestIdOf(res);
      const identity = await identify(req.headers, requestId);
      const clientIp = req.socket.remoteAddress ?? null;
      await spendRateLimit(identity, clientIp);
      return {
        requestId,
        clientIp,
        userAgent: req.header('user-agent') ?? null,
        identity,
        logger: logger.child({ requestId }),
        platformHealth,
      };
    })();
    return res.locals.context as Promise<CdxContext>;
  };
  const graphqlChain = [
    assignRequestId,
    express.json({ limit: config.limits.bodyBytes }),
    bodyParserErrors({ maxBytes: config.limits.bodyBytes, maxDepth: config.limits.jsonDepth }),
    requestLimits(config.limits),
    persistedQueryChecks(),
    fastLane.handler(contextOf),
    apolloExpressHandler(apollo, async ({ req, res }) => contextOf(req, res)),
  ];
  // The hot path first: a POST to exactly /graphql skips matching every other route (none of which
  // takes it); other methods and paths under /graphql (the live stream) keep the order below.
  app.post('/graphql', ...graphqlChain);
  app.get('/health', (_req, res) => {
    res.json({ status: 'up', service: 'gateway', version: gatewayVersion });
  });
  app.use(metricsRouter(metrics, { gatewayKey: key, token: config.metricsToken }));
  const cdxOverHttp = await cdxRouter({
    schema: cdxSchema,
    gatewayKey: key,
    platformHealth,
    logger,
    exposeErrorStacks: config.exposeErrorStacks,
  });
  app.use(cdxOverHttp.router);
  app.get('/health/ready', async (_req, res) => {
    const { checks } = await checkSubgraphs(config.subgraphUrls);
    const overall = overallStatus(
      Object.values(checks).map((check) => ({ status: check.status === 'up' ? 'UP' : 'DOWN' })),
    ).toLowerCase();
    res
      .status(overall === 'down' ? 503 : 200)
      .json({ status: overall, service: 'gateway', version: gatewayVersion, subgraphs: checks });
  });
  // One stream of every service's domain events per gateway process, from now, fanned out in memory.
  const domainEvents = followDomainEvents({
    sources: subgraphNames.map((service) => ({ service, url: config.subgraphUrls[service] })),
    secret: config.gatewaySecret,
    after: () => null,
    onEvent: async (event) => liveQueries.publish(event),
    logger,
  });
  app.use(liveQueries.router);
  app.use(
    ingestRouter({
      analyticsUrl: config.subgraphUrls.analytics,
      gatewayKey: key,
      identify,
      spendRateLimit,
      limits: { maxBytes: config.limits.bodyBytes, maxDepth: config.limits.jsonDepth },
      clientIpHeader: config.ingestClientIpHeader,
      logger,
    }),
  );
  app.use('/graphql', ...graphqlChain);

  app.use(consoleStatic());

  const listening = await listen(httpServer, { port: config.port, host: config.host, setting: 'PORT' });
  logger.info({ url: `${listening.url}/graphql` }, 'gateway ready');
  return {
    url: `${listening.url}/graphql`,
    port: listening.port,
    stop: async () => {
      fastLane.close();
      revocations.stop();
      await domainEvents.stop();
      await liveQueries.stop();
      await apollo.stop();
      await cdxOverHttp.stop();
      await subgraphClient.close();
    },
  };
}
