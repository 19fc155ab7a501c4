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

export type OperationKind = 'query' | 'mutation' | 'subscription';

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

/**
 * The live subscriptions (schema/live.graphql), served by the gateway over WebSocket and SSE: typed
 * documents only (no helpers, not in the persisted-query manifest, since they never go over HTTP).
 * tenantFigures selects every subgraph's summary, the selection the console shows.
 */
export function subscriptionOperations(model: ApiModel): RootOperation[] {
  return operationsOf('subscription', model.schema.getSubscriptionType(), model).map((operation) => {
    // `Live…`: operation names are unique across kinds (the platformHealth query is `PlatformHealth`).
    const name = `Live${operation.name}`;
    const selection =
      operation.field.name === 'tenantFigures' ? tenantFiguresSelection(model) : liveSelection(operation.field, model);
    return { ...operation, name, body: documentOf('subscription', name, operation.field, selection) };
  });
}

/** The selection of the query of the same type (platformHealth: CDX's), else every leaf field (DomainEvent). */
function liveSelection(field: GraphQLField<unknown, unknown>, model: ApiModel) {
  const graph = model.ownership.graphsOf(model.schema.getQueryType()!.name, field.name)[0];
  const selection = graph ? rootSelection(field, graph, model.ownership) : undefined;
  if (selection) return selection;
  const type = getNamedType(field.type) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((member) => isLeafType(getNamedType(member.type)))
    .map((member) => member.name)
    .join('\n');
}

/** Every subgraph's part of `Tenant` (its summaries, each with that graph's default selection), `id` once. */
function tenantFiguresSelection(model: ApiModel) {
  const tenant = model.schema.getQueryType()!.getFields().tenant!;
  const graphs = new Set(
    Object.keys((getNamedType(tenant.type) as GraphQLObjectType).getFields()).flatMap((name) =>
      model.ownership.graphsOf('Tenant', name),
    ),
  );
  return [...graphs]
    .map((graph, index) => {
      const lines = (rootSelection(tenant, graph, model.ownership) ?? '').split('\n');
      // Each part starts with the key; the first part keeps it.
      return (index > 0 && lines[0]?.trim() === 'id' ? lines.slice(1) : lines).join('\n');
    })
    .filter(Boolean)
    .join('\n');
}

/** Every root query and mutation of the API schema, in schema order. */
export function rootOperations(model: ApiModel): RootOperation[] {
  return [
    ...operationsOf('query', model.schema.getQueryType(), model),
    ...operationsOf('mutation', model.schema.getMutationType(), model),
  ];
}
