import { apiError, badInput, ErrorCode } from '@codex/kit/errors';
import {
  type ExecutionArgs,
  type GraphQLError,
  type GraphQLSchema,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { assertMaySubscribe, type LiveField } from './access.ts';
import { liveError } from './errors.ts';
import type { ConnectionState } from './connection.ts';
import type { Caller } from './registry.ts';

/** A subscription's request as both transports receive it. */
export interface LivePayload {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** What a prepared subscription carries to `subscribe` as its contextValue. */
export type LiveContext = {
  caller: Caller;
  field: LiveField;
  args: Record<string, unknown>;
  operation: OperationDefinitionNode;
  /** The connection's open subscriptions (WebSocket); an SSE request carries one. */
  connection: ConnectionState;
};

const liveFields = new Set<string>(['tenantFigures', 'domainEvents', 'platformHealth']);

/** The operation's one root field (subscriptions have exactly one, checked by validation). */
function rootFieldOf(operation: OperationDefinitionNode) {
  const selection = operation.selectionSet.selections[0];
  if (selection?.kind !== Kind.FIELD || !liveFields.has(selection.name.value)) {
    throw badInput('Subscribe to tenantFigures, domainEvents or platformHealth, without fragments at the root');
  }
  return selection;
}

/** Limit refusals keep the code and limit the HTTP path gives them (`withLimitCode`). */
const validationError = (error: GraphQLError) =>
  error.extensions.limit
    ? apiError(ErrorCode.OPERATION_LIMIT_EXCEEDED, error.message, {
        limit: error.extensions.limit,
        max: error.extensions.max,
      })
    : badInput(error.message);

/**
 * Parses and validates a subscription against the live schema (graphql's rules and the gateway's
 * operation limits), then checks that the caller may open it: the result is the execution arguments
 * or the errors to answer with.
 */
export function prepareSubscription(options: {
  schema: GraphQLSchema;
  rules: readonly ValidationRule[];
  caller: Caller;
  connection: ConnectionState;
  payload: LivePayload;
}): ExecutionArgs | GraphQLError[] {
  const { schema, payload } = options;
  try {
    if (typeof payload.query !== 'string') throw badInput('A subscription needs a query', 'query');
    const document = parse(payload.query, { maxTokens: 5000 });
    const errors = validate(schema, document, [...specifiedRules, ...options.rules]);
    if (errors.length > 0) return errors.map(validationError);
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (operation?.operation !== 'subscription') {
      throw badInput('Only subscriptions here: queries and mutations go to POST /graphql');
    }
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
    if (variables.errors) return variables.errors.map((error) => badInput(error.message));
    const node = rootFieldOf(operation);
    const fieldDef = schema.getSubscriptionType()?.getFields()[node.name.value];
    if (!fieldDef) throw badInput(`Unknown subscription ${node.name.value}`);
    const field = node.name.value as LiveField;
    const args = getArgumentValues(fieldDef, node, variables.coerced);
    assertMaySubscribe(options.caller.identity, field, args);
    const contextValue: LiveContext = {
      caller: options.caller,
      field,
      args,
      operation,
      connection: options.connection,
    };
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: variables.coerced,
      contextValue,
    };
  } catch (error) {
    return [liveError(error)];
  }
}
