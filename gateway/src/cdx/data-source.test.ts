import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cdxDataSource } from './data-source.ts';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      caller: { type: GraphQLString, resolve: (_root, _args, context: { caller: string }) => context.caller },
      echo: { type: GraphQLString, args: { text: { type: GraphQLString } }, resolve: (_root, args) => args.text },
    },
  }),
});
const options = (query: string, caller: string, variables?: Record<string, unknown>) =>
  ({ request: { query, variables }, context: { caller }, kind: 'incoming operation' }) as never;

describe('cdxDataSource', () => {
  it('runs the same document again with each request’s context and variables', async () => {
    const source = cdxDataSource(schema);
    const query = 'query Q($text: String) { caller echo(text: $text) }';
    expect(await source.process(options(query, 'a', { text: 'one' }))).toEqual({ data: { caller: 'a', echo: 'one' } });
    expect(await source.process(options(query, 'b', { text: 'two' }))).toEqual({ data: { caller: 'b', echo: 'two' } });
  });

  it('answers an invalid or unparsable document with its errors, every time', async () => {
    const source = cdxDataSource(schema);
    for (let i = 0; i < 2; i += 1) {
      const invalid = await source.process(options('{ nothing }', 'a'));
      expect(invalid.errors?.[0]?.message).toMatch(/Cannot query field "nothing"/);
      const unparsable = await source.process(options('{ caller', 'a'));
      expect(unparsable.errors?.[0]?.message).toMatch(/Syntax Error/);
    }
  });
});
