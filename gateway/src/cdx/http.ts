import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { apolloExpressHandler } from '@codex/kit/apollo-express';
import { formatApiError } from '@codex/kit/errors';
import { forwardedRequestOf, requireGateway } from '@codex/kit/gateway-guard';
import { requestLogPlugin } from '@codex/kit/apollo-plugins';
import type { Logger } from '@codex/kit/logger';
import express, { Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { CdxContext } from './context.ts';

/**
 * CDX over HTTP at /cdx/graphql, the URL the supergraph names for it: what another router (Apollo
 * Router) calls. Like every subgraph it answers only requests signed with the gateway secret and
 * takes the caller from that signature. This gateway itself resolves CDX in-process instead.
 */
export async function cdxRouter(options: {
  schema: GraphQLSchema;
  gatewayKey: Uint8Array;
  platformHealth: CdxContext['platformHealth'];
  logger: Logger;
  exposeErrorStacks: boolean;
}): Promise<{ router: Router; stop: () => Promise<void> }> {
  const apollo = new ApolloServer<CdxContext>({
    schema: options.schema,
    plugins: [ApolloServerPluginInlineTraceDisabled(), requestLogPlugin<CdxContext>()],
    formatError: (formatted, error) => formatApiError(formatted, { error, exposeStacks: options.exposeErrorStacks }),
  });
  await apollo.start();
  const router = Router();
  router.use(
    '/cdx/graphql',
    requireGateway(options.gatewayKey),
    express.json({ limit: '1mb' }),
    apolloExpressHandler(apollo, async ({ res }) => {
      const { requestId, clientIp, userAgent = null, identity } = forwardedRequestOf(res);
      return {
        requestId,
        clientIp,
        userAgent,
        identity,
        logger: options.logger.child({ requestId }),
        platformHealth: options.platformHealth,
      };
    }),
  );
  return { router, stop: () => apollo.stop() };
}
