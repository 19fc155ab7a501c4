import { request as httpRequest } from 'node:http';
import { ApolloServer } from '@apollo/server';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apolloExpressHandler } from './apollo-express.ts';
import { expressServer, listen } from './http.ts';

const typeDefs = /* GraphQL */ `
  type Query {
    words(count: Int!): [String!]!
    caller: String
  }
`;
const resolvers = {
  Query: {
    words: (_: unknown, { count }: { count: number }) => Array.from({ length: count }, (_, i) => `wörd-${i}`),
    caller: (_: unknown, __: unknown, context: { caller: string }) => context.caller,
  },
};

/** The raw answer: status, headers and body text as they came off the socket. */
function post(port: number, path: string, body: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('apolloExpressHandler', () => {
  const apollo = new ApolloServer({ typeDefs, resolvers });
  const app = express();
  const server = expressServer(app);
  let port = 0;
  beforeAll(async () => {
    await apollo.start();
    app.use(
      '/graphql',
      express.json(),
      apolloExpressHandler(apollo, async ({ req }) => ({ caller: req.get('x-caller') ?? 'nobody' })),
    );
    app.post(
      '/no-body',
      apolloExpressHandler(apollo, async () => ({ caller: 'nobody' })),
    );
    ({ port } = await listen(server, { port: 0, host: '127.0.0.1', setting: 'TEST_PORT' }));
  });
  afterAll(async () => {
    await apollo.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a large result in full, with its byte length (not its character count) and no chunked encoding', async () => {
    const answer = await post(port, '/graphql', JSON.stringify({ query: '{ words(count: 200) }' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['transfer-encoding']).toBeUndefined();
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
    expect(answer.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json; charset=utf-8$/);
    expect(JSON.parse(answer.text).data.words).toHaveLength(200);
  });

  it("passes the request to the context and Apollo's own refusals through", async () => {
    const named = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-caller': 'ada' },
      body: JSON.stringify({ query: '{ caller }' }),
    });
    expect(await named.json()).toEqual({ data: { caller: 'ada' } });
    const invalid = await post(port, '/graphql', JSON.stringify({ query: '{ nope }' }));
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reads a GET query from the URL', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/graphql?query=${encodeURIComponent('{ words(count: 2) }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { words: ['wörd-0', 'wörd-1'] } });
  });

  it('hands a route without a body parser to Express as an error', async () => {
    const answer = await post(port, '/no-body', JSON.stringify({ query: '{ caller }' }));
    expect(answer.status).toBe(500);
  });
});
