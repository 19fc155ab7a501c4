import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './generated/introspection.ts';

/**
 * Writes a custom selection, checked by TypeScript against the Codex schema: an unknown field, a
 * wrong argument or a wrongly typed variable is a type error, and the result type follows the
 * selection. Run it with `codex.request(document, variables)`.
 *
 * ```ts
 * const summary = graphql(`query Summary($id: ID!) { tenant(id: $id) { name crm { totalCustomers } } }`);
 * const { data } = await codex.request(summary, { id });
 * ```
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Decimal: string; JSONObject: Record<string, unknown> };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
