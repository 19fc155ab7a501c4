import { readFileSync } from 'node:fs';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, type ConstDirectiveNode, type GraphQLSchema, Kind, parse } from 'graphql';

export const supergraphFile = new URL('../../schema/supergraph.graphql', import.meta.url);
/** The gateway's own `Subscription` root (live queries), merged into the API schema as the gateway merges it. */
export const liveSchemaFile = new URL('../../schema/live.graphql', import.meta.url);

/** Which subgraphs resolve each field, read from the supergraph's `@join__type` / `@join__field`. */
export interface Ownership {
  /** Lower-case subgraph names (`crm`) that resolve `Type.field`. */
  graphsOf(typeName: string, fieldName: string): readonly string[];
}

export interface ApiModel {
  /** The API schema clients see: the supergraph without federation's types and directives. */
  schema: GraphQLSchema;
  ownership: Ownership;
}

const argument = (directive: ConstDirectiveNode, name: string) => {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) return undefined;
  return value.kind === Kind.ENUM || value.kind === Kind.STRING || value.kind === Kind.BOOLEAN
    ? value.value
    : undefined;
};

const joinGraphs = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  (directives ?? [])
    .filter((directive) => directive.name.value === name && argument(directive, 'external') !== true)
    .map((directive) => String(argument(directive, 'graph')).toLowerCase());

function ownershipOf(supergraphSdl: string): Ownership {
  const owners = new Map<string, readonly string[]>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const typeGraphs = joinGraphs(definition.directives, 'join__type');
    for (const field of definition.fields ?? []) {
      const fieldGraphs = joinGraphs(field.directives, 'join__field');
      owners.set(`${definition.name.value}.${field.name.value}`, fieldGraphs.length > 0 ? fieldGraphs : typeGraphs);
    }
  }
  return { graphsOf: (typeName, fieldName) => owners.get(`${typeName}.${fieldName}`) ?? [] };
}

/** Reads the committed supergraph (and the live subscriptions) once: the API schema and who owns each field. */
export function loadApiModel(supergraphSdl = readFileSync(supergraphFile, 'utf8')): ApiModel {
  // Built from SDL text by this module's graphql: federation's schema objects come from graphql's
  // CommonJS build, which graphql's ESM build (under vitest) refuses to extend.
  const federated = printSchema(Supergraph.build(supergraphSdl).apiSchema());
  const schema = buildSchema(`${federated}\n${readFileSync(liveSchemaFile, 'utf8')}`);
  return { schema, ownership: ownershipOf(supergraphSdl) };
}
