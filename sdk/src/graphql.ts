import { initGraphQLTada, type ResultOf } from 'gql.tada';
import type { introspection } from './generated/introspection.ts';

const tada = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Decimal: string; JSONObject: Record<string, unknown> };
}>();

// A single-signature wrapper: its return type is tada's document type for any `In`, which the check below reads.
const parseTyped = <const In extends string>(source: In) => tada(source);
type Document<In extends string> = ReturnType<typeof parseTyped<In>>;

/** Whether a result type holds a field gql.tada could not find in the schema (it types those `unknown`). */
type HasUnknownField<T> = [unknown] extends [T]
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

/** Makes a selection of a field the schema does not have a type error at the `graphql()` call itself. */
type Checked<In extends string> =
  HasUnknownField<ResultOf<Document<In>>> extends true ? { 'selects a field the Codex schema does not have': In } : In;

/**
 * Writes a custom selection, checked by TypeScript against the Codex schema (gql.tada): a field
 * the schema does not have is a type error here, a wrongly typed variable is one at `request`, and
 * the result type follows the selection. Run it with `codex.request(document, variables)`.
 *
 * ```ts
 * const summary = graphql(`query Summary($id: ID!) { tenant(id: $id) { name crm { totalCustomers } } }`);
 * const { data } = await codex.request(summary, { id });
 * ```
 */
export function graphql<const In extends string>(source: In & Checked<In>): Document<In> {
  return parseTyped(source as In);
}

export type { ResultOf, VariablesOf } from 'gql.tada';
