import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './generated/introspection.ts';

/**
 * Writes a custom selection, typed by TypeScript from the Codex schema (gql.tada): the result type
 * follows the selection and the variables type the operation's variables. `codex.request` refuses,
 * as a type error, a document that selects a field the schema does not have.
 *
 * ```ts
 * const summary = graphql(`query Summary($id: ID!) { tenant(id: $id) { name crm { totalCustomers } } }`);
 * const { data } = await codex.request(summary, { id });
 * ```
 */
export const graphql: initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Decimal: string; JSONObject: Record<string, unknown> };
}> = initGraphQLTada();

export type { ResultOf, VariablesOf } from 'gql.tada';

/** Whether a result type holds a field gql.tada did not find in the schema (it types those `unknown`). */
export type HasUnknownField<T> = [unknown] extends [T]
  ? true
  : T extends readonly (infer Item)[]
    ? HasUnknownField<Item>
    : T extends object
      ? string extends keyof T
        ? false // JSONObject: an open record, not a selection
        : true extends { [K in keyof T]-?: HasUnknownField<T[K]> }[keyof T]
          ? true
          : false
      : false;
