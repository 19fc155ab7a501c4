import { buildSchema, getVariableValues, parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { coerceCustomScalars, literalFieldNames } from './scalar-coercion.ts';

const schema = buildSchema(`
  scalar DateTime
  scalar JSONObject
  input Filter { from: DateTime data: [JSONObject!] }
  type Query { events(filter: Filter, at: DateTime): Int }
`);
coerceCustomScalars(schema);

const literalErrors = (query: string) => validate(schema, parse(query), [...specifiedRules, literalFieldNames]);

describe('custom scalars at the gateway', () => {
  it('refuses malformed literals as BAD_USER_INPUT naming the argument', () => {
    const [error] = literalErrors('{ events(filter: { data: [{ a: 1 }, 5] }, at: "2026-01-01T00:00:00Z") }');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.data' });
    expect(literalErrors('{ events(at: "garbage") }')[0]?.extensions).toMatchObject({ field: 'at' });
  });

  it('accepts well-formed literals', () => {
    expect(literalErrors('{ events(filter: { from: "2026-01-01T00:00:00Z", data: [{ a: 1 }] }) }')).toEqual([]);
  });

  it('refuses malformed variables with the code the gateway passes on', () => {
    const document = parse('query Q($f: Filter) { events(filter: $f) }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { f: { from: 'Feb 30' } });
    expect('errors' in coerced && coerced.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
