import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestContext } from '@codex/kit/context';
import type { Metrics } from '@codex/kit/metrics';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { NextFunction, Request, Response } from 'express';
import { asksForSchema } from './introspection.ts';
import type { Safelist } from './persisted-operations.ts';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type ExecutorContext = Parameters<Executor>[0];
type Outcome = { result: Awaited<ReturnType<Executor>> } | { error: unknown };

/** A document Apollo Server parsed, validated and resolved once, with what its executor needs again. */
interface Prepared {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | null;
  queryHash: string;
  template: Pick<ExecutorContext, 'logger' | 'schema' | 'cache'>;
}

const preparedLimit = 1000;
const preparedQueryChars = 16 * 1024;
/** What Apollo Server answers a result without errors with (no Accept header, or a JSON one). */
const jsonContentType = 'application/json; charset=utf-8';
const plainAccepts = new Set([undefined, '*/*', 'application/json']);

const keyOf = (query: string, operationName: unknown) =>
  `${typeof operationName === 'string' ? operationName : ''}\n${query}`;

/** A single POST operation with nothing Apollo Server would treat specially (no extensions, no batch). */
function plainOperation(body: unknown): { query: string; operationName?: string; variables?: object } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.length > preparedQueryChars || 'extensions' in body) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    return undefined;
  return body as { query: string; operationName?: string; variables?: object };
}

/** Apollo's cache policy, as far as the fast lane needs it: an answer is sent here only when it is uncacheable. */
function uncacheablePolicy() {
  const policy = {
    maxAge: undefined as number | undefined,
    scope: undefined as 'PUBLIC' | 'PRIVATE' | undefined,
    restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) {
      if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge))
        policy.maxAge = hint.maxAge;
      if (hint.scope !== undefined && policy.scope !== 'PRIVATE') policy.scope = hint.scope;
    },
    replace(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) {
      if (hint.maxAge !== undefined) policy.maxAge = hint.maxAge;
      if (hint.scope !== undefined) policy.scope = hint.scope;
    },
    policyIfCacheable: () =>
      policy.maxAge === undefined || policy.maxAge <= 0
        ? null
        : { maxAge: policy.maxAge, scope: policy.scope ?? 'PUBLIC' },
  };
  return policy;
}

/**
 * An outcome handed to Apollo Server travels on the request's context under a symbol: Apollo Server
 * shallow-clones the context (own symbol properties included) before its executor sees it.
 */
const handedOver = Symbol('fast-lane-outcome');
type HandedOver = { queryHash: string; outcome: Outcome };
const handOver = (context: object, reached: HandedOver) => Object.assign(context, { [handedOver]: reached });
function takeHandedOver(context: object): HandedOver | undefined {
  const carrier = context as { [handedOver]?: HandedOver };
  const reached = carrier[handedOver];
  delete carrier[handedOver];
  return reached;
}

/**
 * The answer with Node's own `writeHead`/`end` rather than Express's `send`: a string body goes out
 * in one write with the head, without `send`'s Buffer copy and the ETag it hashes over every body
 * (a POST's answer is never revalidated; Apollo Server's answers keep theirs).
 */
function sendAnswer(res: Response, text: string) {
  res.writeHead(200, {
    'content-type': jsonContentType,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Only data without errors, extensions or a cache policy is answered by the fast lane itself. */
const answeredHere = (result: Awaited<ReturnType<Executor>>, policy: ReturnType<typeof uncacheablePolicy>) =>
  !result.errors?.length && !result.extensions && result.data !== undefined && !policy.policyIfCacheable();

/**
 * The hot path of `/graphql`: a POST of a document Apollo Server has already run once (parsed,
 * validated, its operation resolved and every plugin's checks passed) goes straight to the
 * gateway's executor, without Apollo's request pipeline. Only an answer without errors is sent from
 * here; any other outcome (errors, a thrown executor, a cacheable answer, a context that refuses)
 * continues into Apollo Server with the same context, and its executor hands back the outcome
 * already reached, so nothing runs twice and every error is formatted by Apollo as before.
 */
export function createFastLane(options: { metrics: Metrics; safelist: Safelist | null }) {
  const prepared = new Map<string, Prepared>();
  let executor: Executor | undefined;
  let open = true;

  const gateway = (inner: GatewayInterface): GatewayInterface => ({
    ...inner,
    load: async (loadOptions) => {
      const loaded = await inner.load(loadOptions);
      const run = loaded.executor;
      if (!run) return loaded;
      executor = run;
      return {
        executor: async (request) => {
          const reached = takeHandedOver(request.context);
          if (!reached || reached.queryHash !== request.queryHash) return run(request);
          if ('error' in reached.outcome) throw reached.outcome.error;
          return reached.outcome.result;
        },
      };
    },
    onSchemaLoadOrUpdate: (callback) =>
      inner.onSchemaLoadOrUpdate((schema) => {
        prepared.clear();
        callback(schema);
      }),
  });

  /** Learns the documents that passed every check of Apollo Server's pipeline and reached execution. */
  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async executionDidStart(context) {
          const { request, operation, document, queryHash, source } = context;
          if (request.http?.method !== 'POST' || request.extensions !== undefined || context.requestIsBatched) return;
          if (operation.operation === 'subscription' || asksForSchema(document)) return;
          if (source.length > preparedQueryChars) return;
          if (prepared.size >= preparedLimit) prepared.clear();
          prepared.set(keyOf(source, request.operationName), {
            document,
            operation,
            operationName: context.operationName,
            queryHash,
            template: { logger: context.logger, schema: context.schema, cache: context.cache },
          });
        },
      };
    },
  };

  const allowed = (entry: Prepared, context: RequestContext) =>
    !options.safelist || context.identity?.role === 'SUPERADMIN' || options.safelist.has(entry.queryHash);

  const execute = async (
    entry: Prepared,
    body: NonNullable<ReturnType<typeof plainOperation>>,
    context: RequestContext,
  ) => {
    const overallCachePolicy = uncacheablePolicy();
    const request: ExecutorContext = {
      request: {
        query: body.query,
        ...(typeof body.operationName === 'string' ? { operationName: body.operationName } : {}),
        ...(body.variables ? { variables: body.variables as Record<string, unknown> } : {}),
      },
      ...entry.template,
      schemaHash: 'schemaHash no longer exists since Apollo Server 4' as ExecutorContext['schemaHash'],
      context,
      queryHash: entry.queryHash,
      document: entry.document,
      source: body.query,
      operationName: entry.operationName,
      operation: entry.operation,
      metrics: {},
      overallCachePolicy,
      requestIsBatched: false,
    };
    try {
      return { outcome: { result: await (executor as Executor)(request) } as Outcome, overallCachePolicy };
    } catch (error) {
      return { outcome: { error } as Outcome, overallCachePolicy };
    }
  };

  /**
   * Express middleware in front of Apollo Server's; `contextOf` builds the request's context once and
   * keeps it for Apollo Server, should the request continue there.
   */
  const handler =
    (contextOf: (req: Request, res: Response) => Promise<RequestContext>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      const body = req.method === 'POST' ? plainOperation(req.body) : undefined;
      const entry = body && open && executor ? prepared.get(keyOf(body.query, body.operationName)) : undefined;
      if (!body || !entry || !plainAccepts.has(req.headers.accept)) return next();
      const stopTimer = options.metrics.requestDuration.startTimer();
      const started = performance.now();
      const context = await contextOf(req, res).catch(() => undefined);
      if (!context || !allowed(entry, context)) return next();
      const { outcome, overallCachePolicy } = await execute(entry, body, context);
      if (!('result' in outcome) || !answeredHere(outcome.result, overallCachePolicy)) {
        handOver(context, { queryHash: entry.queryHash, outcome });
        return next();
      }
      // What Apollo Server's metrics and request-log plugins record for an answer without errors.
      stopTimer({ operation: options.metrics.operationLabel(entry.operationName), outcome: 'ok' });
      context.logger.info(
        { operationName: entry.operationName, durationMs: Math.round(performance.now() - started) },
        'graphql request',
      );
      sendAnswer(res, `${JSON.stringify({ data: outcome.result.data })}\n`);
    };

  const close = () => {
    open = false;
  };
  return { gateway, plugin, handler, close };
}
