import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { type DocumentNode, execute, GraphQLError, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiError, ErrorCode } from './errors.ts';
import { answerRelease, executeWithJit, jitExecution } from './jit-executor.ts';
import { DateTime } from './scalars.ts';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  scalar DateTime
  interface Named { name: String! }
  type Person implements Named @key(fields: "id") { id: ID! name: String! born: DateTime }
  type Robot implements Named { name: String! model: String }
  union Thing = Person | Robot
  input Filter { prefix: String, limit: Int = 2 }
  type Query {
    people(filter: Filter): [Person!]!
    things: [Thing!]!
    named: [Named!]!
    person(id: ID!): Person
    broken: String
    refused: String
    strict: Person!
  }
`);

const people = [
  { id: '1', name: 'Ada', born: new Date('1815-12-10T00:00:00.000Z') },
  { id: '2', name: 'Alan', born: new Date('1912-06-23T00:00:00.000Z') },
  { id: '3', name: 'Grace', born: null },
];
const robot = { __typename: 'Robot', name: 'R2', model: 'astromech' };

/** Calls of each root resolver, to tell the compiled run from graphql-js's. */
const calls = new Map<string, number>();
const counted = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);

const resolvers = {
  DateTime,
  Query: {
    people: (_: unknown, { filter }: { filter?: { prefix?: string; limit: number } }) =>
      people.filter((person) => person.name.startsWith(filter?.prefix ?? '')).slice(0, filter?.limit ?? 3),
    things: () => [{ __typename: 'Person', ...people[0] }, robot],
    named: async () => [robot, { __typename: 'Person', ...people[1] }],
    person: (_: unknown, { id }: { id: string }) => {
      counted('person');
      return people.find((person) => person.id === id) ?? null;
    },
    broken: () => {
      counted('broken');
      throw new Error('database gone');
    },
    refused: () => Promise.reject(apiError(ErrorCode.FORBIDDEN, 'not yours')),
    strict: () => ({ id: '9', name: null }),
  },
  Person: { __resolveReference: ({ id }: { id: string }) => people.find((person) => person.id === id) ?? null },
};
const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });

interface Request {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** One request on both executors, on the same parsed document (as Apollo's document store hands it). */
async function bothWays({ query, variables, operationName }: Request, document: DocumentNode = parse(query)) {
  const operation = getOperationAST(document, operationName) ?? undefined;
  const request = { schema, document, operation, operationName, variables, contextValue: {} };
  const jit = await executeWithJit(request);
  const graphqlJs = await execute({ schema, document, variableValues: variables, operationName, contextValue: {} });
  return { jit, graphqlJs };
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('executeWithJit answers what graphql-js answers', () => {
  it.each<[string, Request]>([
    [
      'arguments, input defaults and a custom scalar',
      { query: '{ people(filter: { prefix: "A" }) { id name born } }' },
    ],
    [
      'variables, aliases, fragments, @skip and @include',
      {
        query: `query Q($filter: Filter, $withBorn: Boolean!, $skipName: Boolean!) {
          first: people(filter: $filter) { ...Who born @include(if: $withBorn) }
          again: people(filter: $filter) { ...Who }
        }
        fragment Who on Person { id name @skip(if: $skipName) }`,
        variables: { filter: { prefix: 'A', limit: 1 }, withBorn: false, skipName: true },
      },
    ],
    [
      'one fragment spread under opposite @skip conditions (graphql-jit#166)',
      {
        query: `query S($on: Boolean!) {
          a: person(id: "1") { ...Named @skip(if: $on) }
          b: person(id: "2") { ...Named @skip(if: false) }
        }
        fragment Named on Person { name }`,
        variables: { on: true },
      },
    ],
    [
      'unions and interfaces, sync and async',
      {
        query: `{ things { __typename ... on Person { name } ... on Robot { model } }
          named { __typename name ... on Robot { model } } }`,
      },
    ],
    [
      '_entities through __resolveReference, and _service',
      {
        query: `query E($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Person { id name born } } _service { sdl } }`,
        variables: {
          representations: [
            { __typename: 'Person', id: '2' },
            { __typename: 'Person', id: '7' },
          ],
        },
      },
    ],
    [
      'the requested one of several operations',
      { query: 'query A { broken } query B { person(id: "1") { name } }', operationName: 'B' },
    ],
  ])('%s', async (_, request) => {
    const { jit, graphqlJs } = await bothWays(request);
    expect(jit.errors).toBeUndefined();
    expect(asJson(jit)).toEqual(asJson(graphqlJs));
  });

  it.each<[string, Request]>([
    ['a resolver that throws', { query: '{ broken people { name } }' }],
    ['an ApiError, its code kept', { query: '{ refused }' }],
    ['null in a non-null field, propagated to its parent', { query: '{ strict { id name } broken }' }],
    ['a variable of the wrong type', { query: 'query($id: ID!) { person(id: $id) { name } }', variables: { id: {} } }],
    ['a missing required variable', { query: 'query($id: ID!) { person(id: $id) { name } }' }],
    [
      'a refused custom scalar',
      { query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { r: [1] } },
    ],
    ['an unknown operation name', { query: 'query A { broken }', operationName: 'B' }],
  ])('with errors: %s', async (_, request) => {
    const { jit, graphqlJs } = await bothWays(request);
    expect(jit.errors?.length).toBeGreaterThan(0);
    expect(asJson(jit)).toEqual(asJson(graphqlJs));
    for (const [index, error] of (jit.errors ?? []).entries()) {
      const expected = graphqlJs.errors?.[index];
      // Apollo's formatting reads the graphql-js class, the originalError and the extensions.
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.extensions).toEqual(expected?.extensions);
      expect(error.originalError?.message).toBe(expected?.originalError?.message);
      expect(error.originalError?.constructor).toBe(expected?.originalError?.constructor);
    }
  });

  it('reuses the operation compiled for a document with other variables', async () => {
    const document = parse('query P($id: ID!) { person(id: $id) { name } }');
    const first = await bothWays({ query: '', variables: { id: '1' } }, document);
    const second = await bothWays({ query: '', variables: { id: '3' } }, document);
    expect(first.jit).toEqual({ data: { person: { name: 'Ada' } } });
    expect(second.jit).toEqual({ data: { person: { name: 'Grace' } } });
  });

  it('sends a clean compiled answer as it is, and answers a failed query from graphql-js', async () => {
    const run = (query: string) => bothWays({ query }).then(({ jit }) => jit);
    // bothWays runs graphql-js once more on its own: 1 + 1 for a clean query, 2 + 1 for a failed one.
    calls.clear();
    await run('{ person(id: "2") { name } }');
    expect(calls.get('person')).toBe(2);
    calls.clear();
    await run('{ broken }');
    expect(calls.get('broken')).toBe(3);
  });
});

describe('answerRelease', () => {
  it("clears the answer from Apollo's response once the HTTP response has finished, through Apollo's copy of the context", async () => {
    const release = answerRelease();
    const res = new EventEmitter() as unknown as ServerResponse;
    const context = release.track(res, { requestId: 'r' });
    // Apollo Server copies the context for each operation (cloneObject) and hands plugins the copy.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context)), context);
    const response = { http: {}, body: { kind: 'single', singleResult: { data: { rows: [1, 2, 3] } } } };
    await release.plugin.requestDidStart({ contextValue: copy, response } as never);
    expect(response.body).toBeDefined();
    (res as unknown as EventEmitter).emit('finish');
    expect(response.body).toBeUndefined();
  });

  it('leaves a response alone when its request was not tracked', async () => {
    const release = answerRelease();
    const response = { http: {}, body: { kind: 'single' } };
    await release.plugin.requestDidStart({ contextValue: {}, response } as never);
    expect(response.body).toEqual({ kind: 'single' });
  });
});

describe('jitExecution starts a query Apollo has run before ahead of its pipeline', () => {
  /** Each request's own record: who asks, and whether Apollo had reached execution when a resolver ran. */
  interface Caller {
    name: string;
    reached: { execution: boolean };
    resolvedBeforeExecution: string[];
    resolvedAfterExecution: string[];
  }
  const note = (context: Caller, field: string) =>
    (context.reached.execution ? context.resolvedAfterExecution : context.resolvedBeforeExecution).push(field);
  const earlySchema = buildSubgraphSchema({
    typeDefs: parse(`
      type Query { greeting(to: String!): String!, other: String! }
      type Mutation { touch: String! }
    `),
    resolvers: {
      Query: {
        greeting: async (_: unknown, { to }: { to: string }, context: Caller) => {
          note(context, 'greeting');
          await new Promise((resolve) => setTimeout(resolve, 5));
          return `${context.name} greets ${to}`;
        },
        other: (_: unknown, __: unknown, context: Caller) => {
          note(context, 'other');
          return 'other';
        },
      },
      Mutation: {
        touch: (_: unknown, __: unknown, context: Caller) => {
          note(context, 'touch');
          return 'touched';
        },
      },
    } as GraphQLResolverMap<unknown>,
  });

  async function server() {
    const jit = jitExecution(earlySchema);
    const apollo = new ApolloServer<Caller>({
      gateway: jit.gateway,
      plugins: [
        {
          async requestDidStart() {
            return {
              async executionDidStart({ contextValue }) {
                contextValue.reached.execution = true;
              },
            };
          },
        },
      ],
    });
    await apollo.start();
    /** What the subgraph server does: build the context, start early, then hand the request to Apollo. */
    async function send(body: unknown, name = 'ann') {
      const context: Caller = {
        name,
        reached: { execution: false },
        resolvedBeforeExecution: [],
        resolvedAfterExecution: [],
      };
      jit.startEarly(body, context);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([['content-type', 'application/json']]),
          search: '',
          body,
        },
        context: async () => context,
      });
      const text = response.body.kind === 'complete' ? response.body.string : '';
      return { answer: JSON.parse(text), context };
    }
    return { send, stop: () => apollo.stop() };
  }

  const greeting = 'query Greet($to: String!) { greeting(to: $to) }';

  it('runs a seen query once, before execution is reached, with its own variables and context', async () => {
    const { send, stop } = await server();
    const first = await send({ query: greeting, variables: { to: 'bo' } });
    expect(first.answer).toEqual({ data: { greeting: 'ann greets bo' } });
    expect(first.context.resolvedAfterExecution).toEqual(['greeting']);

    const second = await send({ query: greeting, variables: { to: 'cy' } });
    expect(second.answer).toEqual({ data: { greeting: 'ann greets cy' } });
    expect(second.context.resolvedBeforeExecution).toEqual(['greeting']);
    expect(second.context.resolvedAfterExecution).toEqual([]);

    // Interleaved requests of two callers keep their own context and variables.
    const [dee, eve] = await Promise.all([
      send({ query: greeting, variables: { to: 'x' } }, 'dee'),
      send({ query: greeting, operationName: null, variables: { to: 'y' } }, 'eve'),
    ]);
    expect(dee.answer).toEqual({ data: { greeting: 'dee greets x' } });
    expect(eve.answer).toEqual({ data: { greeting: 'eve greets y' } });
    expect([...dee.context.resolvedBeforeExecution, ...eve.context.resolvedBeforeExecution]).toEqual([
      'greeting',
      'greeting',
    ]);
    // A refused variable answers graphql-js's error, as on the executor's path.
    const refused = await send({ query: greeting, variables: { to: 7 } });
    expect(refused.answer.errors[0].message).toMatch(/Variable "\$to"/);
    expect(refused.context.resolvedBeforeExecution).toEqual([]);
    await stop();
  });

  it('leaves unseen texts, other operation names, mutations and batches to Apollo', async () => {
    const { send, stop } = await server();
    const twoOperations = 'query A { other } query B { greeting(to: "b") }';
    for (let round = 0; round < 2; round += 1) {
      const named = await send({ query: twoOperations, operationName: 'A' });
      expect(named.answer).toEqual({ data: { other: 'other' } });
      expect(named.context.resolvedBeforeExecution).toEqual(round === 0 ? [] : ['other']);
    }
    // An empty operation name is not the anonymous operation: Apollo refuses it, and no started run is taken.
    await send({ query: '{ other }' });
    const emptyName = await send({ query: '{ other }', operationName: '' });
    expect(emptyName.answer.data).toBeUndefined();
    expect(emptyName.answer.errors[0].message).toMatch(/Unknown operation named ""/);
    const otherName = await send({ query: twoOperations, operationName: 'B' });
    expect(otherName.context.resolvedBeforeExecution).toEqual([]);
    expect(otherName.context.resolvedAfterExecution).toEqual(['greeting']);

    for (let round = 0; round < 2; round += 1) {
      const mutation = await send({ query: 'mutation { touch }' });
      expect(mutation.answer).toEqual({ data: { touch: 'touched' } });
      expect(mutation.context.resolvedBeforeExecution).toEqual([]);
    }
    // A text that does not validate never runs early, however often it is sent.
    for (let round = 0; round < 2; round += 1) {
      const invalid = await send({ query: '{ other missing }' });
      expect(invalid.answer.errors).toHaveLength(1);
      expect(invalid.context.resolvedBeforeExecution).toEqual([]);
    }
    await send({ query: '{ other }' });
    const batch = await send([{ query: '{ other }' }]);
    expect(batch.context.resolvedBeforeExecution).toEqual([]);
    await stop();
  });
});
