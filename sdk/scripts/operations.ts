import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isInputObjectType,
  isLeafType,
  parse,
  print,
} from 'graphql';
import type { ApiModel } from './api-schema.ts';
import { connectionNodeOf, rootSelection } from './selection.ts';

export type OperationKind = 'query' | 'mutation';

/** One root field as a generated operation. */
export interface RootOperation {
  kind: OperationKind;
  field: GraphQLField<unknown, unknown>;
  /** The subgraph that resolves the root field (`crm`), the helper's domain. */
  graph: string;
  /** GraphQL operation name: `Customers`, `CreateCustomer`. */
  name: string;
  /** The exported document: `customersQuery`, `createCustomerMutation`. */
  constName: string;
  /** Printed with graphql's `print`, exactly what the SDK sends and the manifest registers. */
  body: string;
  /** A Relay connection: its helper pages through it. */
  paginated: boolean;
  /** A mutation whose input carries idempotency keys: safe to retry. */
  idempotent: boolean;
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** Whether an input type holds an `idempotencyKey` anywhere (`ingestEvents(events: [EventInput!]!)`). */
function carriesIdempotencyKey(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some(
    (field) => field.name === 'idempotencyKey' || carriesIdempotencyKey(field.type, seen),
  );
}

function documentOf(kind: OperationKind, name: string, field: GraphQLField<unknown, unknown>, selection?: string) {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const call = `${field.name}${args ? `(${args})` : ''}`;
  const text = `${kind} ${name}${variables ? `(${variables})` : ''} { ${call}${selection ? ` {\n${selection}\n}` : ''} }`;
  return print(parse(text));
}

function operationsOf(kind: OperationKind, root: GraphQLObjectType | null | undefined, model: ApiModel) {
  return Object.values(root?.getFields() ?? {}).map((field): RootOperation => {
    const graph = model.ownership.graphsOf(root!.name, field.name)[0] ?? 'api';
    const selection = isLeafType(getNamedType(field.type))
      ? undefined
      : (rootSelection(field, graph, model.ownership) ?? '__typename');
    const name = pascal(field.name);
    return {
      kind,
      field,
      graph,
      name,
      constName: `${field.name}${pascal(kind)}`,
      body: documentOf(kind, name, field, selection),
      paginated: kind === 'query' && connectionNodeOf(field.type) !== undefined,
      idempotent: kind === 'mutation' && field.args.some((arg) => carriesIdempotencyKey(arg.type)),
    };
  });
}

/** Every root query and mutation of the API schema, in schema order. */
export function rootOperations(model: ApiModel): RootOperation[] {
  return [
    ...operationsOf('query', model.schema.getQueryType(), model),
    ...operationsOf('mutation', model.schema.getMutationType(), model),
  ];
}
