import { ErrorCode } from '@codex/kit/errors';
import * as kitScalars from '@codex/kit/scalars';
import {
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/** The supergraph's custom scalars, by name, with the subgraphs' own implementations. */
const implementations: Record<string, GraphQLScalarType> = {
  DateTime: kitScalars.DateTime,
  JSONObject: kitScalars.JSONObject,
  Decimal: kitScalars.Decimal,
};

/**
 * Where each literal value of the operation being validated sits (`input.startAt`, `$from`), so a
 * scalar that refuses a literal can name it. Filled by `literalFieldNames`, which sees an argument
 * or object before graphql's ValuesOfCorrectTypeRule parses the values inside it.
 */
const literalFields = new WeakMap<ValueNode, string>();

export const literalFieldNames: ValidationRule = () => ({
  Argument: (node) => void literalFields.set(node.value, node.name.value),
  VariableDefinition: (node) => {
    if (node.defaultValue) literalFields.set(node.defaultValue, node.variable.name.value);
  },
  ObjectValue: (node) => {
    const base = literalFields.get(node);
    for (const field of node.fields)
      literalFields.set(field.value, base ? `${base}.${field.name.value}` : field.name.value);
  },
  ListValue: (node) => {
    const base = literalFields.get(node);
    if (base) for (const item of node.values) literalFields.set(item, base);
  },
});

/**
 * A Float literal beyond a double's range (`1e400`) parses to Infinity, which graphql lets through
 * for literals (not for variables) and which no subgraph can be sent: the caller's input, refused.
 */
export const finiteFloatLiterals: ValidationRule = (context) => ({
  FloatValue: (node) => {
    if (Number.isFinite(Number(node.value))) return;
    const field = literalFields.get(node);
    context.reportError(
      new GraphQLError(`Float ${node.value.slice(0, 40)} is out of range`, {
        nodes: node,
        extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
      }),
    );
  },
});

/**
 * By tag, not `instanceof`: the gateway's schema can come from another copy of graphql (its CommonJS
 * build while this module has the ES one, as under Vite), and graphql's own guards would then throw.
 */
const isScalar = (type: GraphQLNamedType | undefined): type is GraphQLScalarType =>
  Object.prototype.toString.call(type) === '[object GraphQLScalarType]';

const codeOf = (error: unknown): unknown =>
  (error as { extensions?: { code?: unknown } } | null | undefined)?.extensions?.code;

/** The scalars' own messages are written for callers; anything else they throw is not shown. */
const refusal = (name: string, cause: unknown, field: string | undefined) =>
  new GraphQLError(
    codeOf(cause) === ErrorCode.BAD_USER_INPUT || cause instanceof GraphQLError
      ? (cause as Error).message
      : `Expected a valid ${name}`,
    {
      extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
    },
  );

function strict(target: GraphQLScalarType, implementation: GraphQLScalarType): void {
  target.parseValue = (value) => {
    try {
      return implementation.parseValue(value);
    } catch (error) {
      throw refusal(target.name, error, undefined);
    }
  };
  target.parseLiteral = (node, variables) => {
    try {
      return implementation.parseLiteral(node, variables);
    } catch (error) {
      throw refusal(target.name, error, literalFields.get(node));
    }
  };
}

/**
 * @apollo/gateway builds its API schema with opaque custom scalars, so a malformed DateTime or
 * JSONObject would travel to a subgraph and come back as an HTTP 400. Giving the schema's scalars
 * the subgraphs' parsers, in place, makes the gateway itself refuse them: literals in Apollo
 * Server's validation and variables in the gateway's coercion, both of which use this very schema,
 * before any planning. Output (serialize) stays opaque: subgraph values pass as they are.
 */
export function coerceCustomScalars(schema: GraphQLSchema): void {
  for (const [name, implementation] of Object.entries(implementations)) {
    const type = schema.getType(name);
    if (isScalar(type)) strict(type, implementation);
  }
}
