import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { errorCode } from './support/expectations.ts';
import { startOwnGateway } from './support/own-gateway.ts';

/**
 * GraphQL over HTTP from an attacker's side: malformed scalars, unresolvable operations, APQ
 * mistakes, GET requests, deep JSON and subgraph refusals are all the caller's errors — HTTP 4xx
 * with a code — and no answer shows the gateway's or a subgraph's internals.
 */
interface Answer {
  status: number;
  text: string;
  body: {
    data?: { events?: { totalCount: number }; __typename?: string; __type?: unknown } | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

const internals = /prisma|invocation|sqlstate|node_modules|stacktrace|\/work\/|\.ts:\d+|\n\s+at /i;

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  expect(text).not.toMatch(internals);
  return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
}

let gateway: RunningServer;
let actors: TenantActors;
beforeAll(async () => {
  gateway = await startOwnGateway({
    MAX_DEPTH: '8',
    MAX_ALIASES: '20',
    MAX_DIRECTIVES: '20',
    MAX_TOKENS: '2000',
    MAX_COST: '500',
    MAX_BODY_BYTES: '262144',
    MAX_JSON_DEPTH: '32',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000',
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  actors = await createTenantWithUsers(await superadminToken(), 'protocol');
});
afterAll(() => gateway?.stop());

const post = (body: unknown, headers: Record<string, string> = {}, url = gateway.url) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(answerOf);

const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}?${new URLSearchParams(params)}`, {
    headers: { 'apollo-require-preflight': '1', ...headers },
  }).then(answerOf);

const asAdmin = (query: string, variables: Record<string, unknown> = {}) =>
  post({ query, variables }, bearer(actors.admin.token));

function expectRefused(answer: Answer, status: number, code: string, extensions: Record<string, unknown> = {}) {
  expect(answer.status, answer.text).toBe(status);
  expect(errorCode(answer.body), answer.text).toBe(code);
  expect(answer.body.errors?.[0]?.extensions).toMatchObject(extensions);
  expect(answer.body.data ?? undefined).toBeUndefined();
}

describe('custom scalars are coerced at the gateway', () => {
  const eventsFrom = 'query Events($d: DateTime) { events(filter: { from: $d }) { totalCount } }';
  const eventsFilter = 'query Events($f: EventFilter) { events(filter: $f) { totalCount } }';
  const ingest = 'mutation Ingest($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }';

  it.each(['garbage', '2026-02-30T00:00:00Z', 1767225600000])(
    'a DateTime variable %j is BAD_USER_INPUT naming the variable',
    async (value) => {
      expectRefused(await asAdmin(eventsFrom, { d: value }), 400, 'BAD_USER_INPUT', { field: 'd' });
      expectRefused(await asAdmin(eventsFilter, { f: { from: value } }), 400, 'BAD_USER_INPUT', { field: 'f.from' });
    },
  );

  it.each([[[]], ['a string'], [5]])('a JSONObject variable %j is BAD_USER_INPUT naming its field', async (data) => {
    const events = [{ idempotencyKey: 'k', name: 'page_view', data }];
    expectRefused(await asAdmin(ingest, { e: events }), 400, 'BAD_USER_INPUT', { field: 'e.0.data' });
  });

  it.each([
    [
      'mutation { subscribeCustomer(input: { customerId: "1", planId: "1", startAt: "Feb 30" }) { id } }',
      'input.startAt',
    ],
    ['mutation { ingestEvents(events: [{ idempotencyKey: "k", name: "n", data: [] }]) { accepted } }', 'events.data'],
    ['mutation { updatePage(id: "1", input: { blocks: 5 }) { id } }', 'input.blocks'],
    ['query Q($d: DateTime = "garbage") { events(filter: { from: $d }) { totalCount } }', 'd'],
    [
      `mutation { updateContentType(id: "1", input: { fields: [{ name: "n", type: NUMBER, min: 1e400 }] }) { id } }`,
      'input.fields.min',
    ],
  ])('a malformed literal is BAD_USER_INPUT naming its argument: %s', async (query, field) => {
    expectRefused(await asAdmin(query), 400, 'BAD_USER_INPUT', { field });
  });

  it('well-formed scalars, __typename-only documents and introspection still run', async () => {
    const valid = await asAdmin(eventsFilter, { f: { from: '2026-01-01T00:00:00Z' } });
    expect(valid.body.errors).toBeUndefined();
    expect(valid.body.data?.events?.totalCount).toBe(0);
    const literal = await asAdmin('{ events(filter: { from: "2026-01-01T00:00:00Z" }) { totalCount } }');
    expect(literal.body.data?.events?.totalCount).toBe(0);
    expect((await post({ query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
    const schema = await post({ query: '{ __type(name: "DateTime") { kind name } }' });
    expect(schema.body.data?.__type).toEqual({ kind: 'SCALAR', name: 'DateTime' });
    const sandbox = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(sandbox.status).toBe(200);
    expect(await sandbox.text()).toContain('<html');
  });
});

describe('operation resolution', () => {
  const twoOperations = 'query A { __typename } query B { __typename }';

  it('two operations without operationName: 400 OPERATION_RESOLUTION_FAILURE, POST and GET', async () => {
    expectRefused(await post({ query: twoOperations }), 400, 'OPERATION_RESOLUTION_FAILURE');
    expectRefused(await get({ query: twoOperations }), 400, 'OPERATION_RESOLUTION_FAILURE');
  });

  it('an operationName the document does not hold: 400 OPERATION_RESOLUTION_FAILURE', async () => {
    expectRefused(await post({ query: twoOperations, operationName: 'C' }), 400, 'OPERATION_RESOLUTION_FAILURE');
    expectRefused(await post({ query: '{ __typename }', operationName: 'C' }), 400, 'OPERATION_RESOLUTION_FAILURE');
  });

  it('the named operation of several runs', async () => {
    const answer = await post({ query: twoOperations, operationName: 'B' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('automatic persisted queries', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('a hash that is not the query’s is 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const persistedQuery = { version: 1, sha256Hash: sha256('{ me { id } }') };
    expectRefused(
      await post({ query: '{ __typename }', extensions: { persistedQuery } }),
      400,
      'PERSISTED_QUERY_HASH_MISMATCH',
    );
    expectRefused(
      await get({ query: '{ __typename }', extensions: JSON.stringify({ persistedQuery }) }),
      400,
      'PERSISTED_QUERY_HASH_MISMATCH',
    );
  });

  it('an unknown APQ version is 400 PERSISTED_QUERY_NOT_SUPPORTED', async () => {
    const query = '{ __typename }';
    const persistedQuery = { version: 2, sha256Hash: sha256(query) };
    expectRefused(await post({ query, extensions: { persistedQuery } }), 400, 'PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('a matching hash still registers and runs', async () => {
    const query = `{ __typename } # ${Math.random()}`;
    const answer = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
    expect(answer.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('every limit applies to GET as to POST', () => {
  const nested = (levels: number) =>
    `{ __type(name: "Query") { ${'fields { type { '.repeat(levels)}name${' } }'.repeat(levels)} } }`;

  it.each([
    ['depth', nested(6)],
    ['aliases', `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: me { id }`).join(' ')} }`],
    ['directives', `{ __typename ${'@include(if: true) '.repeat(25)}}`],
    ['tokens', `{ ${'a '.repeat(2100)}}`],
    [
      'cost',
      `{ ${Array.from({ length: 19 }, (_, i) => `m${i}: me { id email role firstName lastName active tenant { id slug name status planTier createdAt } }`).join(' ')} }`,
    ],
  ])('GET beyond the %s limit is 400 OPERATION_LIMIT_EXCEEDED', async (limit, query) => {
    const answer = await get({ query }, bearer(actors.admin.token));
    expect(answer.status, answer.text).toBe(400);
    expect(errorCode(answer.body)).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(answer.body.errors?.map((error) => error.extensions?.limit)).toContain(limit);
  });

  it('a GET request larger than the body limit is 413 bodyBytes', async () => {
    const gatewayWithSmallBody = await startOwnGateway({ MAX_BODY_BYTES: '2048' });
    try {
      const url = `${gatewayWithSmallBody.url}?${new URLSearchParams({ query: `{ __typename } #${'x'.repeat(3000)}` })}`;
      const answer = await answerOf(await fetch(url, { headers: { 'apollo-require-preflight': '1' } }));
      expectRefused(answer, 413, 'OPERATION_LIMIT_EXCEEDED', { limit: 'bodyBytes', max: 2048 });
    } finally {
      await gatewayWithSmallBody.stop();
    }
  });

  it('GET inside every limit answers', async () => {
    const answer = await get({ query: '{ __typename }' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('JSON nesting', () => {
  const deep = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
  const query = '{ __typename }';

  it('a variable nested deeper than MAX_JSON_DEPTH is 400 jsonDepth, POST and GET', async () => {
    const refusal = { limit: 'jsonDepth', max: 32 };
    expectRefused(await post({ query, variables: { v: deep(40) } }), 400, 'OPERATION_LIMIT_EXCEEDED', refusal);
    const variables = JSON.stringify({ v: deep(40) });
    expectRefused(await get({ query, variables }), 400, 'OPERATION_LIMIT_EXCEEDED', refusal);
  });

  it('a 100,000-level body is refused and the gateway stays healthy', async () => {
    const levels = 100_000;
    const body = `{"query":"{ __typename }","variables":{"v":${'['.repeat(levels)}${']'.repeat(levels)}}}`;
    expectRefused(await post(body), 400, 'OPERATION_LIMIT_EXCEEDED', { limit: 'jsonDepth' });
    expect((await post({ query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
  });

  it('JSON nested within the bound runs', async () => {
    const answer = await post({ query, variables: { v: deep(20) } });
    expect(answer.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('malformed bodies', () => {
  it.each([
    ['not JSON', { 'content-type': 'application/json' }, '{"query":', 400],
    [
      'an unsupported charset',
      { 'content-type': 'application/json; charset=latin1' },
      '{"query":"{ __typename }"}',
      415,
    ],
    ['an unsupported encoding', { 'content-type': 'application/json', 'content-encoding': 'x-zip' }, '{}', 415],
  ])('%s is a JSON answer with a code, no stack trace', async (_what, headers, body, status) => {
    const answer = await answerOf(await fetch(gateway.url, { method: 'POST', headers, body }));
    expectRefused(answer, status, 'BAD_USER_INPUT');
  });
});

/** A CRM stand-in answering every fetch with the status and body a test sets. */
function startRefusingSubgraph() {
  const reply = { status: 400, contentType: 'application/json', body: '' };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body));
  });
  return new Promise<{ url: string; reply: typeof reply; server: Server }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, reply, server }),
    ),
  );
}

describe('a subgraph’s 4xx keeps its meaning', () => {
  let refusing: Awaited<ReturnType<typeof startRefusingSubgraph>>;
  let viaRefusing: RunningServer;
  beforeAll(async () => {
    refusing = await startRefusingSubgraph();
    viaRefusing = await startOwnGateway({}, { crm: refusing.url });
  });
  afterAll(async () => {
    await viaRefusing?.stop();
    refusing?.server.close();
  });

  const customers = () =>
    post({ query: '{ customers { totalCount } }' }, bearer(actors.admin.token), viaRefusing.url).then(
      (answer) => answer.body.errors?.[0],
    );

  it('GraphQL errors in a 4xx body pass through with their codes and the service name', async () => {
    Object.assign(refusing.reply, {
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        errors: [{ message: 'Variable "$x" got invalid value', extensions: { code: 'BAD_USER_INPUT', field: 'x' } }],
      }),
    });
    expect(await customers()).toMatchObject({
      message: 'Variable "$x" got invalid value',
      extensions: { code: 'BAD_USER_INPUT', field: 'x', serviceName: 'crm' },
    });
  });

  it.each([
    [400, 'BAD_USER_INPUT'],
    [413, 'BAD_USER_INPUT'],
    [422, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [429, 'RATE_LIMITED'],
  ])('a %i without a GraphQL body is %s with the service name, not its URL', async (status, code) => {
    Object.assign(refusing.reply, { status, contentType: 'text/plain', body: `refused at ${refusing.url}` });
    const error = await customers();
    expect(error?.extensions).toEqual({ code, serviceName: 'crm' });
    expect(error?.message).not.toContain('127.0.0.1');
  });
});
