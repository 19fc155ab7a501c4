import type { GraphQLDataSource } from '@apollo/gateway';
import { type DocumentNode, execute, type GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';

/** Documents kept: the planner's CDX fetches are a few per query plan, so this holds every one in use. */
const maxDocuments = 500;

type Prepared = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/**
 * CDX resolved in the gateway's process, as `LocalGraphQLDataSource` does, but each fetch document
 * is parsed and validated once: the query planner sends the same `_entities` document for every
 * request of a plan, and graphql's `graphql()` parsed and validated it again on each (the third
 * stage of a tenant's figures). Execution, and the shield rules in the schema, run per request.
 */
export function cdxDataSource(schema: GraphQLSchema): GraphQLDataSource {
  const prepared = new Map<string, Prepared>();
  const prepare = (query: string): Prepared => {
    const known = prepared.get(query);
    if (known) return known;
    let result: Prepared;
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      result = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      result = { errors: [error as GraphQLError] };
    }
    // A full map starts over rather than tracking use: plans change seldom, and a miss only costs a parse.
    if (prepared.size >= maxDocuments) prepared.clear();
    prepared.set(query, result);
    return result;
  };
  return {
    process: async ({ request, context }) => {
      const found = prepare(request.query ?? '');
      if ('errors' in found) return { errors: found.errors };
      return execute({
        schema,
        document: found.document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue: context,
      });
    },
  };
}
