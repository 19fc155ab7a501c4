import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import express, { type Router } from 'express';
import type { DocumentNode } from 'graphql';
import { forwardedRequestOf, requireGateway } from './gateway-guard.ts';
import { applyArgumentGuard } from './argument-guard.ts';
import { recordNodeSelections } from './node-selection.ts';
import { applyPermissions, type PermissionMap } from './permissions.ts';
import { requestLogPlugin } from './apollo-plugins.ts';
import { type RequestContext, selectsTotalCount } from './context.ts';
import { formatApiError } from './errors.ts';
import { answerRelease, jitExecution } from './jit-executor.ts';
import { healthRouter, type ReadinessCheck } from './health.ts';
import { expressServer, listen } from './http.ts';
import { apolloExpressHandler } from './apollo-express.ts';
import { jsonBody, subgraphJsonLimits } from './json-body.ts';
import { metricsPlugin, type Metrics } from './metrics.ts';
import { metricsRouter } from './metrics-route.ts';
import type { Logger } from './logger.ts';
import type { DomainEventFeed } from './domain-events-feed.ts';
import { domainEventsHandler } from './domain-events-stream.ts';

export interface SubgraphDefinition<TContext extends RequestContext> {
  service: string;
  version: string;
  typeDefs: DocumentNode;
  /** The subgraph's resolver map, typed by its generated `Resolvers` type. */
  resolvers: object;
  /** Who may resolve what: built from the shared rules in permissions.ts; unlisted fields are denied. */
  permissions: PermissionMap;
  /** Adds what this service's resolvers need (database, loaders) to the per-request base context. */
  createContext: (base: RequestContext) => TContext;
  readiness: ReadinessCheck[];
  /** Extra HTTP routes (besides /graphql), mounted behind the gateway signature unless public. */
  routes?: { public?: Router; gateway?: Router };
}

export interface ServerOptions {
  port: number;
  host: string;
  portSetting: string;
  logger: Logger;
  /** EXPOSE_ERROR_STACKS: stack traces in error answers (an explicit opt-in; errors are masked in every mode). */
  exposeErrorStacks: boolean;
  /** Key of the gateway's signature (GATEWAY_SECRET). */
  gatewayKey: Uint8Array;
  /** This process's metrics, served at /metrics to the gateway's signature or `metricsToken`. */
  metrics: Metrics;
  metricsToken: string | null;
  /** The service's outbox feed: served as SSE at /internal/events, behind the gateway signature. */
  domainEvents?: DomainEventFeed;
}

export interface RunningServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Starts one subgraph: GraphQL on /graphql, liveness on /health, readiness on /health/ready, Prometheus on /metrics. */
export async function startSubgraphServer<TContext extends RequestContext>(
  definition: SubgraphDefinition<TContext>,
  options: ServerOptions,
): Promise<RunningServer> {
  const app = express();
  const httpServer = expressServer(app);
  // Permissions run first, then the argument guard refuses strings PostgreSQL cannot store; lists
  // are told which node fields the operation selects (see node-selection.ts), from the schema as built.
  const schema = applyPermissions(
    applyArgumentGuard(
      recordNodeSelections(
        buildSubgraphSchema({
          typeDefs: definition.typeDefs,
          resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
        }),
      ),
    ),
    definition.permissions,
  );
  const answers = answerRelease();
  const jit = jitExecution(schema);
  const apollo = new ApolloServer<TContext>({
    // graphql-jit executes queries compiled once per document; Apollo takes an executor only as a gateway.
    gateway: jit.gateway,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No type or field declares cache hints; left on, the plugin wraps every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin<TContext>(),
      metricsPlugin<TContext>(options.metrics),
      answers.plugin,
    ],
    formatError: (formatted, error) => formatApiError(formatted, { error, exposeStacks: options.exposeErrorStacks }),
    includeStacktraceInErrorResponses: options.exposeErrorStacks,
  });
  await apollo.start();

  app.disable('x-powered-by');
  // No ETag: GraphQL answers are POSTed and never revalidated; Express hashed every body for it.
  app.disable('etag');
  app.use(healthRouter({ service: definition.service, version: definition.version, checks: definition.readiness }));
  app.use(metricsRouter(options.metrics, { gatewayKey: options.gatewayKey, token: options.metricsToken }));
  if (definition.routes?.public) app.use(definition.routes.public);
  const fromGateway = requireGateway(options.gatewayKey);
  if (options.domainEvents)
    app.get('/internal/events', fromGateway, domainEventsHandler(options.domainEvents, options.logger));
  if (definition.routes?.gateway)
    app.use(
      '/internal',
      fromGateway,
      ...jsonBody({ ...subgraphJsonLimits, maxBytes: 64 * 1024 }),
      definition.routes.gateway,
    );
  // The request's context is built once the signature is checked and the body parsed, and a query
  // Apollo has run before starts there, ahead of Apollo's own pipeline (see jitExecution).
  const contextOf = (req: express.Request, res: express.Response): TContext => {
    const { requestId, clientIp, userAgent = null, identity } = forwardedRequestOf(res);
    const context = definition.createContext({
      requestId,
      clientIp,
      userAgent,
      identity,
      countsTotals: selectsTotalCount(req.body),
      logger: options.logger.child({ requestId }),
    });
    return answers.track(res, context);
  };
  app.use(
    '/graphql',
    fromGateway,
    ...jsonBody(subgraphJsonLimits),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      // A context that fails to build is built again, and its failure answered, by Apollo.
      try {
        const context = contextOf(req, res);
        res.locals.context = context;
        if (req.method === 'POST') jit.startEarly(req.body, context);
      } catch {}
      next();
    },
    apolloExpressHandler(
      apollo,
      async ({ req, res }) => (res.locals.context as TContext | undefined) ?? contextOf(req, res),
    ),
  );

  const listening = await listen(httpServer, { port: options.port, host: options.host, setting: options.portSetting });
  options.logger.info({ url: `${listening.url}/graphql` }, `${definition.service} subgraph ready`);
  return {
    url: `${listening.url}/graphql`,
    port: listening.port,
    stop: () => apollo.stop(),
  };
}
