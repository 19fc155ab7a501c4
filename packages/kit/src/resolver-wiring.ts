import { auditChangesAsText } from './audit.ts';
import { DateTime, Decimal, JSONObject } from './scalars.ts';

/**
 * How a subgraph's resolver maps call its domain functions. Most mutations pass the request (the
 * context) and one or two arguments straight through; these build those resolvers, so a map names
 * only what is particular to each field. Types come from the domain function, so a mismatch with
 * the generated resolver type is still a type error.
 */

/** A field whose domain function takes the request and `args.input`. */
export const withInput =
  <Request, Input, Result>(run: (request: Request, input: Input) => Result) =>
  (_parent: unknown, args: { input: Input }, context: Request) =>
    run(context, args.input);

/** A field whose domain function takes the request and `args.id`. */
export const withId =
  <Request, Result>(run: (request: Request, id: string) => Result) =>
  (_parent: unknown, args: { id: string }, context: Request) =>
    run(context, args.id);

/** A field whose domain function takes the request, `args.id` and `args.input`. */
export const withIdAndInput =
  <Request, Input, Result>(run: (request: Request, id: string, input: Input) => Result) =>
  (_parent: unknown, args: { id: string; input: Input }, context: Request) =>
    run(context, args.id, args.input);

/**
 * The resolvers of the SDL every subgraph may include from `schema/shared/` (the scalars and the
 * audit log's entry). Spread into each subgraph's map; a type its SDL does not include is skipped by
 * `buildSubgraphSchema`, which only wires the types the schema has.
 */
export const sharedResolvers = {
  DateTime,
  Decimal,
  JSONObject,
  AuditLogEntry: { changes: auditChangesAsText },
};
