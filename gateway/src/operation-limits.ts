import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@codex/kit/errors';
import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  type GraphQLFormattedError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayConfig } from './config.ts';
import { fieldOf, jsonTextsOf, operationsOf, searchOf } from './http-operations.ts';
import { jsonDepthBeyond } from '@codex/kit/json-body';
import { nestedBeyond } from './json-depth.ts';

type Limits = GatewayConfig['limits'];

/**
 * Armor's refusals, reported to the validation context with the limit they hit (armor's default
 * reporter would drop it). Apollo then codes them GRAPHQL_VALIDATION_FAILED; `withLimitCode` gives
 * them ours.
 */
const refusedAs = (limit: string, max: number) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit, max } }),
      ),
  ],
});

/**
 * Depth, aliases, directives and cost, checked before any subgraph is asked (graphql-armor
 * validation rules). Tokens are counted earlier, on the raw request (see `requestLimits`). Field
 * suggestions are removed in production by `withoutSuggestions`.
 */
export function operationLimitRules(limits: Limits): ValidationRule[] {
  return new ApolloArmor({
    maxDepth: { n: limits.depth, ...refusedAs('depth', limits.depth) },
    maxAliases: { n: limits.aliases, ...refusedAs('aliases', limits.aliases) },
    maxDirectives: { n: limits.directives, ...refusedAs('directives', limits.directives) },
    costLimit: { maxCost: limits.cost, ...refusedAs('cost', limits.cost) },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules;
}

/** An armor refusal comes out of Apollo as a validation or parse error: give it its stable code. */
export function withLimitCode(error: GraphQLFormattedError): GraphQLFormattedError {
  const limit = error.extensions?.limit;
  if (typeof limit !== 'string') return error;
  return { ...error, extensions: { ...error.extensions, code: ErrorCode.OPERATION_LIMIT_EXCEEDED } };
}

const refusal = (res: Response, status: number, message: string, limit: string, max: number) =>
  res
    .status(status)
    .json({ errors: [{ message, extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit, max } }] });

/** Lexical tokens of an operation, counted without building its syntax tree; stops past `max`. */
function lexTokensBeyond(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; count += 1) if (count >= max) return true;
  } catch {
    return false; // a syntax error: Apollo's parser reports it
  }
  return false;
}

/** Clients send the same few documents over and over: each is lexed once (at most 1,000 of up to 16 K characters kept). */
const countedQueryChars = 16 * 1024;
const countedQueryLimit = 1000;

function tokenCounter() {
  const counted = new Map<string, boolean>();
  return (query: string, max: number): boolean => {
    if (query.length > countedQueryChars) return lexTokensBeyond(query, max);
    const known = counted.get(query);
    if (known !== undefined) return known;
    const beyond = lexTokensBeyond(query, max);
    if (counted.size >= countedQueryLimit) counted.clear();
    counted.set(query, beyond);
    return beyond;
  };
}

type RawLimits = Pick<Limits, 'batchOperations' | 'tokens' | 'bodyBytes' | 'jsonDepth'>;
type Refusal = [status: number, message: string, limit: string, max: number];

/** GET carries its operation in the URL: the body limit bounds that, as it bounds a POST body. */
function sizeRefusal(req: Request, limits: RawLimits): Refusal | undefined {
  if (req.method !== 'GET' || Buffer.byteLength(searchOf(req)) <= limits.bodyBytes) return undefined;
  return [413, `Request is larger than ${limits.bodyBytes} bytes`, 'bodyBytes', limits.bodyBytes];
}

/** Bounded before anything recursive (graphql's variable coercion, JSON.stringify) walks it. */
function depthRefusal(req: Request, limits: RawLimits): Refusal | undefined {
  const tooDeep =
    nestedBeyond(req.body, limits.jsonDepth) ||
    jsonTextsOf(req).some((text) => jsonDepthBeyond(text, limits.jsonDepth));
  if (!tooDeep) return undefined;
  return [400, `JSON nested deeper than ${limits.jsonDepth} levels`, 'jsonDepth', limits.jsonDepth];
}

function operationRefusal(
  operations: unknown[],
  limits: RawLimits,
  tokensBeyond: ReturnType<typeof tokenCounter>,
): Refusal | undefined {
  if (operations.length > limits.batchOperations)
    return [
      400,
      `At most ${limits.batchOperations} operations in one batch`,
      'batchOperations',
      limits.batchOperations,
    ];
  const queries = operations.map((operation) => fieldOf(operation, 'query'));
  if (queries.some((query) => typeof query === 'string' && tokensBeyond(query, limits.tokens)))
    return [400, `An operation has more than ${limits.tokens} tokens`, 'tokens', limits.tokens];
  return undefined;
}

/**
 * Limits on the raw request, GET and POST alike: its size, its JSON nesting, batched operations
 * (a JSON array) up to a count, and every operation up to a number of tokens — before any
 * parsing, so an oversized document costs almost nothing.
 */
export function requestLimits(limits: RawLimits) {
  const tokensBeyond = tokenCounter();
  return (req: Request, res: Response, next: NextFunction) => {
    const refused =
      sizeRefusal(req, limits) ??
      depthRefusal(req, limits) ??
      operationRefusal(operationsOf(req), limits, tokensBeyond);
    if (refused) {
      refusal(res, ...refused);
      return;
    }
    next();
  };
}
