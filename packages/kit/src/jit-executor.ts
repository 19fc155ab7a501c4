import type { ServerResponse } from 'node:http';
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  execute,
  getVariableValues,
  type GraphQLSchema,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Runs a subgraph's operations with graphql-jit: each operation is compiled once into a function
 * (no per-field argument parsing, Path objects or generic completeValue calls) and the compiled
 * function answers every later request with the same document. Apollo Server takes a custom
 * executor only in gateway mode, so `jitExecution` makes a minimal `GatewayInterface` that hands
 * Apollo the schema once and this executor; parsing, validation, the document store, plugins and
 * `formatError` stay Apollo's.
 *
 * Behaviour is graphql-js's wherever the two could differ:
 * - variables are coerced by graphql-js first, so a refused variable answers graphql-js's errors;
 * - mutations, documents with `@skip`/`@include` and operations graphql-jit cannot compile run on
 *   graphql-js;
 * - a query whose compiled run meets any error runs again on graphql-js, and that answer is sent:
 *   graphql-jit reports every failed field (graphql-js stops at the first failure that nulls a
 *   parent: one error for a denied non-null field on 20 rows, not 20) and builds its own error
 *   objects. Reads only, and only on the error path; a clean answer is graphql-jit's.
 * One difference stays: a field without a resolver reads its property as it is, where graphql-js
 * calls a function-valued property. Our parents are rows and plain objects (getters work alike).
 */

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type RequestContext = Parameters<Executor>[0];
type Result = ExecutionResult<Record<string, unknown>>;

/**
 * Compiled operations, keyed by the operation node of Apollo's parsed document (its document store
 * hands back the same document for the same text): bounded by that store's LRU. `null` marks an
 * operation left to graphql-js.
 */
const compiledOperations = new WeakMap<OperationDefinitionNode, CompiledQuery | null>();

/**
 * graphql-jit's known wrong answer (zalando-incubator/graphql-jit#166, silent, no error): a fragment
 * spread at two paths under different `@skip`/`@include` conditions. Documents with either directive
 * stay on graphql-js.
 */
function hasSkipOrInclude(document: DocumentNode) {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

function compiledFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) {
  const known = compiledOperations.get(operation);
  if (known !== undefined) return known;
  const compiled = hasSkipOrInclude(document) ? null : compileQuery(schema, document, operation.name?.value);
  const usable = compiled && isCompiledQuery(compiled) ? compiled : null;
  compiledOperations.set(operation, usable);
  return usable;
}

/** One request to execute: what graphql-js's `execute` takes, with the operation Apollo resolved. */
export interface Execution {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** The document's operation to run; undefined when it has none of the requested name. */
  operation: OperationDefinitionNode | undefined;
  operationName?: string;
  variables?: Record<string, unknown>;
  contextValue: unknown;
}

const onGraphQLJs = ({ schema, document, contextValue, variables, operationName }: Execution) =>
  execute({ schema, document, contextValue, variableValues: variables, operationName }) as Promise<Result> | Result;

/** Executes one request with its compiled operation (graphql-js where graphql-jit would differ). */
export async function executeWithJit(execution: Execution): Promise<Result> {
  const { schema, document, operation, variables = {}, contextValue } = execution;
  // Mutations stay on graphql-js: one after another, stopping at the first that fails a non-null field.
  const compiled = operation?.operation === 'query' ? compiledFor(schema, document, operation) : null;
  if (!operation || !compiled) return onGraphQLJs(execution);
  if (operation.variableDefinitions?.length) {
    const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
  }
  const result = (await compiled.query(undefined, contextValue, variables)) as Result;
  // Any error, or no data at all (graphql-jit refused the request): graphql-js answers instead, so
  // errors keep graphql-js's count, order, classes and locations (see the module's comment).
  return result.errors?.length || result.data === undefined ? onGraphQLJs(execution) : result;
}

/**
 * A query the request started before Apollo's pipeline reached the executor (see `jitExecution`):
 * taken only for the very operation node Apollo resolves, which is that of the same text and name.
 */
interface EarlyStart {
  operation: OperationDefinitionNode;
  result: Promise<Result>;
}
const earlyStart = Symbol('earlyStart');
type WithEarlyStart = { [earlyStart]?: EarlyStart };

/** Queries this subgraph has executed, by their text: few (the gateway plans them), each at most this long. */
const knownQueryLimits = { entries: 256, characters: 8192 };
type KnownOperation = { document: DocumentNode; operation: OperationDefinitionNode };

/** A POST body's `query`, `operationName` and `variables` as Apollo reads them, or undefined. */
function requestOf(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.length > knownQueryLimits.characters) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    return undefined;
  return {
    query,
    operationName: operationName ?? undefined,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
  };
}

/**
 * graphql-jit execution for one subgraph's schema, started as early as the request allows.
 *
 * `gateway` is a minimal `GatewayInterface` that hands Apollo the schema once and an executor
 * running `executeWithJit`. `startEarly(body, context)`, called once the gateway's signature is
 * checked, the body parsed and the request's context built, starts a query's execution before
 * Apollo's pipeline (HTTP head, request plugins, document store, operation resolution) has run:
 * the pipeline's work then overlaps the request's wait on PostgreSQL, and the executor takes the
 * started result. Only for a request whose text and operation name Apollo has already parsed,
 * validated and handed to this executor as a query: the same text against the same schema parses
 * and validates the same, so the request executes exactly what it would have executed, with the
 * same context, variables, permission rules and guards, once. Mutations, batches and any text
 * not yet seen run when Apollo calls the executor, as before. If Apollo answers without executing
 * (a plugin refuses the request), a started query's reads were made for nothing and its result is
 * dropped: reads only, with the caller's own scope.
 */
export function jitExecution(schema: GraphQLSchema) {
  // By the body's own query string (its hash is computed once per request), then by operation name.
  const known = new Map<string, Map<string | undefined, KnownOperation>>();
  const remember = (query: string | undefined, operationName: string | undefined, seen: KnownOperation) => {
    if (query === undefined || query.length > knownQueryLimits.characters) return;
    let byName = known.get(query);
    if (!byName) {
      if (known.size >= knownQueryLimits.entries) known.delete(known.keys().next().value as string);
      byName = new Map();
      known.set(query, byName);
    }
    byName.set(operationName, seen);
  };

  const executor: Executor = ({ schema: executed, document, request, context, operation }: RequestContext) => {
    const started = (context as WithEarlyStart)[earlyStart];
    if (started && started.operation === operation) return started.result;
    // Apollo leaves `operation` unset when the document has no operation of the requested name.
    if (operation?.operation === 'query') remember(request.query, request.operationName, { document, operation });
    return executeWithJit({
      schema: executed,
      document,
      operation: operation as OperationDefinitionNode | undefined,
      operationName: request.operationName,
      variables: request.variables,
      contextValue: context,
    });
  };

  const gateway: Gateway = {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };

  return {
    gateway,
    startEarly(body: unknown, context: object) {
      const request = requestOf(body);
      const seen = request && known.get(request.query)?.get(request.operationName);
      if (!request || !seen) return;
      const result = executeWithJit({
        schema,
        document: seen.document,
        operation: seen.operation,
        operationName: request.operationName,
        variables: request.variables,
        contextValue: context,
      });
      // The executor returns it to Apollo; unclaimed when Apollo answered without executing.
      result.catch(() => {});
      (context as WithEarlyStart)[earlyStart] = { operation: seen.operation, result };
    },
  };
}

const answerHolder = Symbol('answerHolder');
type AnswerHolder = { response: { body?: unknown } | undefined };

/**
 * Lets a sent answer die young. For a gateway-mode executor, Apollo Server builds per request a
 * `response.http` literal whose `status` getter and setter close over the request context; on
 * Node 20 every such literal gets a hidden class of its own in old space, which keeps the request
 * context, and through its `response` the whole answer (a page's rows), alive through scavenges
 * until a full collection. `track` marks a request's context (Apollo copies it, the mark comes
 * along) and, once the HTTP response has finished, clears the answer's body from Apollo's response
 * object; the plugin tells the mark which response object is the request's.
 */
export function answerRelease() {
  return {
    plugin: {
      async requestDidStart({ contextValue, response }) {
        const holder = (contextValue as { [answerHolder]?: AnswerHolder })[answerHolder];
        if (holder) holder.response = response as AnswerHolder['response'];
      },
    } satisfies ApolloServerPlugin<BaseContext>,
    track<C extends object>(res: ServerResponse, context: C): C {
      const holder: AnswerHolder = { response: undefined };
      (context as { [answerHolder]?: AnswerHolder })[answerHolder] = holder;
      res.once('finish', () => {
        if (holder.response) holder.response.body = undefined;
        holder.response = undefined;
      });
      return context;
    },
  };
}
