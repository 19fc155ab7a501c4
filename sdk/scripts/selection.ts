import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isLeafType,
  isNonNullType,
  isListType,
  isObjectType,
  getNullableType,
  type GraphQLOutputType,
} from 'graphql';
import type { Ownership } from './api-schema.ts';

/** How deep a default selection follows object fields below the root field's type. */
const maxDepth = 2;

type Field = GraphQLField<unknown, unknown>;

/** A Relay connection: `edges { node }` and `pageInfo`. */
export function connectionNodeOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const named = getNamedType(type);
  if (!isObjectType(named)) return undefined;
  const fields = named.getFields();
  const edge = fields.edges && getNamedType(fields.edges.type);
  if (!fields.pageInfo || !isObjectType(edge)) return undefined;
  const node = edge.getFields().node && getNamedType(edge.getFields().node!.type);
  return isObjectType(node) ? node : undefined;
}

/** A field a default selection can ask for without inventing argument values. */
const needsNoArguments = (field: Field) =>
  field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);

/** Lists of objects (a customer's leads) are relations to page through, not defaults of every row. */
const isList = (field: Field) => isListType(getNullableType(field.type));

const indent = (depth: number) => '  '.repeat(depth + 2);

/**
 * The default selection of a type: its leaf fields and, up to `maxDepth`, its object fields, each
 * only where the root field's own subgraph resolves it. Fields of other subgraphs (a customer's
 * subscriptions from Billing) stay out, so one subgraph's outage never fails another's defaults;
 * write a custom selection (`graphql()`) to span subgraphs. Nested connections, and lists of objects
 * below the root object, stay out too.
 */
export function defaultSelection(
  type: GraphQLObjectType,
  graph: string,
  ownership: Ownership,
  depth = 0,
): string | undefined {
  const lines: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (!needsNoArguments(field) || !ownership.graphsOf(type.name, field.name).includes(graph)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) lines.push(`${indent(depth)}${field.name}`);
    else if (
      isObjectType(named) &&
      depth < maxDepth &&
      !connectionNodeOf(field.type) &&
      !(depth > 0 && isList(field))
    ) {
      const nested = defaultSelection(named, graph, ownership, depth + 1);
      if (nested) lines.push(`${indent(depth)}${field.name} {\n${nested}\n${indent(depth)}}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** A root field's selection: a connection's page (edges, cursors, `pageInfo`, `totalCount`) or the type's default. */
export function rootSelection(field: Field, graph: string, ownership: Ownership): string | undefined {
  const node = connectionNodeOf(field.type);
  const named = getNamedType(field.type);
  if (!node || !isObjectType(named)) return isObjectType(named) ? defaultSelection(named, graph, ownership) : undefined;
  const nodeSelection = defaultSelection(node, graph, ownership, 1) ?? `${indent(1)}__typename`;
  const total = named.getFields().totalCount ? `\n${indent(0)}totalCount` : '';
  return [
    `${indent(0)}edges {\n${indent(1)}cursor\n${indent(1)}node {\n${nodeSelection}\n${indent(1)}}\n${indent(0)}}`,
    `${indent(0)}pageInfo {\n${indent(1)}hasNextPage\n${indent(1)}endCursor\n${indent(0)}}${total}`,
  ].join('\n');
}
