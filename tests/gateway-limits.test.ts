import type { RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, superadminToken } from './support/actors.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { startOwnGateway } from './support/own-gateway.ts';

/**
 * Abuse is refused at the gateway, before any subgraph is asked, with OPERATION_LIMIT_EXCEEDED
 * (or RATE_LIMITED) and the limit it hit. A gateway of this file's own, with small limits.
 */
let gateway: RunningServer;
let superToken: string;
beforeAll(async () => {
  [gateway, superToken] = await Promise.all([
    startOwnGateway({
      MAX_DEPTH: '8',
      MAX_ALIASES: '20',
      MAX_DIRECTIVES: '20',
      MAX_TOKENS: '2000',
      MAX_COST: '500',
      MAX_BODY_BYTES: '65536',
      MAX_BATCH_OPERATIONS: '5',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000',
      RATE_LIMIT_PER_MINUTE: '1000',
    }),
    superadminToken(),
  ]);
});
afterAll(() => gateway?.stop());

const ask = (query: string, headers: Record<string, string> = {}) => graphql(query, {}, { url: gateway.url, headers });

/** `__type` nests without end: depth without depending on any domain's schema. */
const nested = (levels: number) =>
  `{ __type(name: "Query") { ${'fields { type { '.repeat(levels)}name${' } }'.repeat(levels)} } }`;

describe('operation limits', () => {
  it.each([
    ['depth', nested(6)],
    ['aliases', `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: me { id }`).join(' ')} }`],
    ['directives', `{ __typename ${'@include(if: true) '.repeat(25)}}`],
    ['tokens', `{ ${'__typename '.repeat(2100)}}`],
    [
      'cost',
      `{ ${Array.from({ length: 19 }, (_, i) => `m${i}: me { id email role firstName lastName active tenant { id slug name status planTier createdAt } }`).join(' ')} }`,
    ],
  ])('refuses an operation beyond the %s limit with OPERATION_LIMIT_EXCEEDED', async (limit, query) => {
    const { status, body } = await ask(query);
    expect(status).toBe(400);
    expect(errorCode(body)).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(body.errors?.map((error) => error.extensions?.limit)).toContain(limit);
    expect(body.data).toBeUndefined();
  });

  it('answers operations inside every limit', async () => {
    const { status, body } = await ask(`{ a: __typename b: __typename ${nested(2).slice(1, -1)} }`);
    expect(status).toBe(200);
    expect(body.data?.a).toBe('Query');
  });

  it('refuses a body beyond the size limit with 413', async () => {
    const { status, body } = await graphql(`{ __typename }`, { padding: 'x'.repeat(70_000) }, { url: gateway.url });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'bodyBytes',
      max: 65536,
    });
  });

  it('answers batches up to the batch limit and refuses bigger ones', async () => {
    const batch = (size: number) =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: size }, () => ({ query: '{ __typename }' }))),
      });
    const allowed = await batch(5);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as unknown[]).length).toBe(5);
    const refused = await batch(6);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { extensions: object }[] }).errors[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'batchOperations',
    });
  });

  it('refuses a simple GET without a preflight header (CSRF prevention)', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    const allowed = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });

  it('answers a malformed JSON body with BAD_USER_INPUT, not a stack trace', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('keeps SUPERADMIN introspection (Sandbox) inside the limits', async () => {
    const { body } = await ask(
      `{ __schema { queryType { name } types { name kind fields { name } } } }`,
      bearer(superToken),
    );
    expect(body.errors).toBeUndefined();
  });
});

describe('rate limits', () => {
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await startOwnGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '8' });
  });
  afterAll(() => limited?.stop());

  it('answers 429 RATE_LIMITED with a retry hint once an address has spent its budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await graphql('{ __typename }', {}, { url: limited.url })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await graphql('{ __typename }', {}, { url: limited.url });
    expect(refused.status).toBe(429);
    expect(errorCode(refused.body)).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);
  });

  it('counts an identified caller on its own budget, not its address', async () => {
    const token = await superadminToken();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1)
      statuses.push((await graphql('{ __typename }', {}, { url: limited.url, headers: bearer(token) })).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses[8]).toBe(429);
  });
});
