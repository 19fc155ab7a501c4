import type { RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { graphql } from './support/graphql.ts';
import { scrapeMetrics } from './support/metrics.ts';
import { startOwnGateway } from './support/own-gateway.ts';

/**
 * The gateway's fast lane (a document Apollo Server has run once goes straight to the executor)
 * answers exactly as Apollo Server does, and never runs an operation twice when it hands an answer
 * with errors back to Apollo Server for formatting.
 */
let gateway: RunningServer;
let actors: TenantActors;
beforeAll(async () => {
  gateway = await startOwnGateway();
  actors = await createTenantWithUsers(await superadminToken(), 'fast-lane');
});
afterAll(async () => {
  await gateway?.stop();
});

/** Fetches this gateway has sent to CRM so far (its own metrics, so other tests' traffic does not count). */
async function crmFetches() {
  const text = await (await scrapeMetrics(gateway.url)).text();
  return [...text.matchAll(/^codex_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="crm"[^}]*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

/** Sends the same request twice: the first runs through Apollo Server, the second through the fast lane. */
async function twice(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const answers = [];
  for (const _ of [1, 2]) {
    const before = await crmFetches();
    const answer = await graphql(query, variables, { url: gateway.url, headers });
    answers.push({ ...answer, crmFetches: (await crmFetches()) - before });
  }
  return answers;
}

const sameHead = (answer: Awaited<ReturnType<typeof twice>>[number]) => ({
  status: answer.status,
  contentType: answer.headers.get('content-type'),
  cacheControl: answer.headers.get('cache-control'),
  requestId: answer.headers.get('x-request-id') !== null,
  crmFetches: answer.crmFetches,
});

describe('the fast lane', () => {
  it('answers a repeated query as Apollo Server answered it, with one subgraph fetch each', async () => {
    const query = /* GraphQL */ `query FastLanePage { customers(first: 3) { edges { node { id email } } } }`;
    const [first, second] = await twice(query, {}, bearer(actors.admin.token));
    expect(first!.body.errors).toBeUndefined();
    expect(second!.body).toEqual(first!.body);
    expect(sameHead(second!)).toEqual(sameHead(first!));
    expect(first!.crmFetches).toBe(1);
  });

  it('hands an answer with errors to Apollo Server, which formats it as before, without running it again', async () => {
    const query = /* GraphQL */ `query FastLaneRefusedPage($first: Int!) { customers(first: $first) { edges { node { id } } } }`;
    const [first, second] = await twice(query, { first: -1 }, bearer(actors.admin.token));
    expect(first!.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const withoutIds = (body: Awaited<ReturnType<typeof twice>>[number]['body']) =>
      JSON.parse(JSON.stringify(body).replace(/"requestId":"[^"]+"/g, ''));
    expect(withoutIds(second!.body)).toEqual(withoutIds(first!.body));
    expect(sameHead(second!)).toEqual(sameHead(first!));
    expect(first!.crmFetches).toBe(1);
  });

  it('refuses a bad credential on a known document as Apollo Server does', async () => {
    const query = /* GraphQL */ `query FastLaneRefused { customers(first: 1) { edges { node { id } } } }`;
    await graphql(query, {}, { url: gateway.url, headers: bearer(actors.client.token) });
    const refused = await graphql(query, {}, { url: gateway.url, headers: bearer('not-a-token') });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
