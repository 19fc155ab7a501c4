import {
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';

/**
 * Which fields of its rows a paginated list's operation asks for, so the list reads only those
 * columns (a page's rows are what its CPU goes to: a 20-row page of invoices parsed 26 columns,
 * 7 of them Decimals, to answer 4).
 *
 * A connection field's resolver is wrapped: it records, against the field's `args` object (made
 * afresh by the executor for each field it resolves, and handed unchanged to the domain function),
 * the names selected on `edges.node` and `nodes`, fragments included, and whether a cursor is
 * selected (`edges.cursor`, `pageInfo.startCursor`/`endCursor`: they carry the sort column).
 * `@skip`/`@include` are not evaluated: a field selected under a condition counts as selected.
 * Nothing is recorded when the selection names a field of the node type with a resolver of its own
 * (that resolver may read any column), so the list reads every column, as it does for a call from
 * anywhere else.
 */

/** What an operation selects of a list: its node's fields, and whether it asks for any cursor. */
export interface NodeSelection {
  fields: ReadonlySet<string>;
  cursors: boolean;
}
const selections = new WeakMap<object, NodeSelection>();

/** What the operation selects of the list whose resolver received `args`; undefined: unknown (read every column). */
export const nodeSelectionOf = (args: object): NodeSelection | undefined => selections.get(args);

type Resolver = GraphQLFieldResolver<unknown, unknown>;
type Fragments = GraphQLResolveInfo['fragments'];

function collect(set: SelectionSetNode | undefined, fragments: Fragments, into: (field: FieldNode) => void) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') into(selection);
    else if (selection.kind === 'InlineFragment') collect(selection.selectionSet, fragments, into);
    else collect(fragments[selection.name.value]?.selectionSet, fragments, into);
  }
}

const cursorFields = new Set(['cursor', 'startCursor', 'endCursor']);

/**
 * The node's selected field names under `edges { node }` and `nodes`, and whether `edges { cursor }`
 * or `pageInfo`'s cursors are selected; null when a selected node field resolves itself.
 */
function nodeSelection(info: GraphQLResolveInfo, opaque: ReadonlySet<string>): NodeSelection | null {
  const fields = new Set<string>();
  let cursors = false;
  const addNodeFields = (node: FieldNode) =>
    collect(node.selectionSet, info.fragments, (field) => {
      fields.add(field.name.value);
    });
  const addPart = (part: FieldNode) => {
    if (cursorFields.has(part.name.value)) cursors = true;
    if (part.name.value === 'node') addNodeFields(part);
  };
  for (const fieldNode of info.fieldNodes)
    collect(fieldNode.selectionSet, info.fragments, (connectionField) => {
      const name = connectionField.name.value;
      if (name === 'nodes') addNodeFields(connectionField);
      if (name === 'edges' || name === 'pageInfo') collect(connectionField.selectionSet, info.fragments, addPart);
    });
  for (const name of fields) if (opaque.has(name)) return null;
  return { fields, cursors };
}

/** A connection type's node type: `edges.node`'s object type, when the type has that shape. */
function nodeTypeOf(type: GraphQLObjectType): GraphQLObjectType | null {
  const edges = type.getFields().edges;
  if (!edges || !type.name.endsWith('Connection')) return null;
  const edge = getNamedType(edges.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  const nodeType = node ? getNamedType(node.type) : null;
  return nodeType && isObjectType(nodeType) ? nodeType : null;
}

/**
 * Wraps every field that returns a connection so its resolver's `args` carry the node selection
 * (see nodeSelectionOf). Run on the schema as built, before resolvers are wrapped by permissions
 * or guards: a node field with a resolver of its own is told from a plain column by that. The
 * selection of one operation is worked out once per parsed document.
 */
export function recordNodeSelections(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const connection = getNamedType(field.type);
      const nodeType = isObjectType(connection) ? nodeTypeOf(connection) : null;
      if (!nodeType) continue;
      const opaque = new Set(
        Object.values(nodeType.getFields())
          .filter((nodeField) => nodeField.resolve !== undefined)
          .map((nodeField) => nodeField.name),
      );
      // Keyed by the field's one AST node (the parsed document is reused; a field selected twice
      // under one name has several nodes, and is worked out each time).
      const known = new WeakMap<FieldNode, NodeSelection | null>();
      const resolve: Resolver = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context, info) => {
        const single = info.fieldNodes.length === 1 ? info.fieldNodes[0]! : null;
        let selection = single ? known.get(single) : undefined;
        if (selection === undefined) {
          selection = nodeSelection(info, opaque);
          if (single) known.set(single, selection);
        }
        if (selection) selections.set(args, selection);
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}
