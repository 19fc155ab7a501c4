import type { ExecutionArgs, ExecutionResult, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';

/** What both transports (graphql-ws, graphql-sse) share. */
export interface LiveTransportOptions {
  /** The live schema (API schema + Subscription), current as the gateway loaded it. */
  schema: () => GraphQLSchema;
  rules: readonly ValidationRule[];
  subscribe: (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
  /** Spends one connection from the address's budget; the RATE_LIMITED refusal, or null. */
  admitConnection: (address: string | null) => Promise<GraphQLError | null>;
  limits: LiveLimits;
}

export interface LiveLimits {
  perConnection: number;
  perCaller: number;
  connectionsPerMinute: number;
  idleTimeoutMs: number;
  maxPayloadBytes: number;
  healthPollMs: number;
  coalesceMs: number;
}
