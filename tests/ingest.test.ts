import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, apiKey, ingest } from './support/analytics-api.ts';
import { connectDatabases } from './support/databases.ts';
import { type AnswerJson, graphql } from './support/graphql.ts';
import { startOwnGateway } from './support/own-gateway.ts';

/**
 * Browser and server ingestion (issue 16): the write-only ingestion key, `POST /ingest` with CORS
 * for the tenant's origins and sendBeacon bodies, enrichment, identify and backfill, through the
 * real gateway over HTTP.
 */
const db = connectDatabases();
const shop = 'https://shop.example';
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
let superToken: string;
let tenantA: TenantActors;
let tenantB: TenantActors;
let ingestionKey: string;

const ingestUrl = (gateway = inject('gatewayUrl'), key: string | null = ingestionKey) =>
  `${new URL('/ingest', gateway).href}${key ? `?key=${encodeURIComponent(key)}` : ''}`;

/** POSTs a batch to /ingest as a browser would (JSON text; sendBeacon's content type by default). */
async function post(body: unknown, options: { headers?: Record<string, string>; url?: string } = {}) {
  const response = await fetch(options.url ?? ingestUrl(), {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, AnswerJson>,
  };
}

/** Events of a session, as the database holds them. */
const storedOf = (sessionId: string) =>
  db.analytics.event.findMany({ where: { sessionId }, orderBy: { idempotencyKey: 'asc' } });

const sessionEvents = (sessionId: string, count: number, overrides: Record<string, unknown> = {}) =>
  Array.from({ length: count }, () => anEvent({ sessionId, ...overrides }));

async function setOrigins(token: string, origins: string[]) {
  const { body } = await graphql(
    /* GraphQL */ `mutation O($origins: [String!]!) { setIngestionOrigins(origins: $origins) }`,
    { origins },
    { headers: bearer(token) },
  );
  return body;
}

beforeAll(async () => {
  superToken = await superadminToken();
  [tenantA, tenantB] = await Promise.all([
    createTenantWithUsers(superToken, 'ingest-a'),
    createTenantWithUsers(superToken, 'ingest-b'),
  ]);
  ingestionKey = await apiKey(tenantA.admin.token, 'CLIENT', ['ANALYTICS_INGEST']);
  expect((await setOrigins(tenantA.admin.token, [shop, 'http://localhost:3000/'])).data).toEqual({
    setIngestionOrigins: [shop, 'http://localhost:3000'],
  });
}, 60_000);

describe('the ingestion key', () => {
  it('ingests events of its tenant through POST /ingest and the mutation, and is listed with its scope', async () => {
    const sessionId = `s-${randomUUID()}`;
    const answer = await post({ events: sessionEvents(sessionId, 2) });
    expect(answer).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0 } });
    expect((await ingest({ apiKey: ingestionKey }, sessionEvents(sessionId, 1))).body.data?.ingestEvents.accepted).toBe(
      1,
    );
    const stored = await storedOf(sessionId);
    expect(stored.map((event) => event.tenantId)).toEqual(Array(3).fill(tenantA.tenant.id));
    const { body } = await graphql(
      /* GraphQL */ `{ apiKeys(first: 100) { edges { node { role scopes } } } }`,
      {},
      { headers: bearer(tenantA.admin.token) },
    );
    expect(body.data?.apiKeys.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      role: 'CLIENT',
      scopes: ['ANALYTICS_INGEST'],
    });
  });

  it('reads nothing and writes nothing else (FORBIDDEN)', async () => {
    const asKey = { headers: { 'x-api-key': ingestionKey } };
    const reads = [
      '{ events(first: 1) { totalCount } }',
      `{ metricSeries(metric: "events.count", granularity: DAY, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { value } }`,
      '{ ingestionOrigins }',
      '{ me { id } }',
      '{ customers(first: 1) { totalCount } }',
    ];
    for (const query of reads) {
      const { body } = await graphql(query, {}, asKey);
      expect(body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(
        Object.values(body.data ?? {}).filter((value) => value !== null),
        query,
      ).toEqual([]);
    }
    const write = await graphql(/* GraphQL */ `mutation { setIngestionOrigins(origins: []) }`, {}, asKey);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('cannot ingest for another tenant: the batch is refused whole', async () => {
    const sessionId = `s-${randomUUID()}`;
    const events = [anEvent({ sessionId }), anEvent({ sessionId, tenantId: tenantB.tenant.id })];
    const answer = await post({ events });
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0].extensions).toEqual({ code: 'NOT_FOUND' });
    expect(await storedOf(sessionId)).toEqual([]);
  });

  it('is refused once revoked, and a missing or unknown key is UNAUTHENTICATED', async () => {
    const key = await apiKey(tenantA.admin.token, 'CLIENT', ['ANALYTICS_INGEST']);
    const { body } = await graphql(
      /* GraphQL */ `{ apiKeys(first: 100) { edges { node { id prefix } } } }`,
      {},
      { headers: bearer(tenantA.admin.token) },
    );
    const id = body.data?.apiKeys.edges.find((edge: { node: { prefix: string } }) => key.includes(edge.node.prefix))
      ?.node.id;
    await graphql(
      /* GraphQL */ `mutation R($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id },
      {
        headers: bearer(tenantA.admin.token),
      },
    );
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline)
      status = (await post({ events: [anEvent()] }, { url: ingestUrl(undefined, key) })).status;
    expect(status).toBe(401);
    expect(
      (await post({ events: [anEvent()] }, { url: ingestUrl(undefined, null) })).body.errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    expect((await post({ events: [anEvent()] }, { url: ingestUrl(undefined, 'cdx_nope') })).status).toBe(401);
  });
});

describe('CORS for the tenant’s origins', () => {
  it('answers an allowed origin with its CORS header, and refuses another origin writing nothing', async () => {
    const sessionId = `s-${randomUUID()}`;
    const allowed = await post({ events: sessionEvents(sessionId, 1) }, { headers: { origin: shop } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shop);
    const denied = await post({ events: sessionEvents(sessionId, 1) }, { headers: { origin: 'https://evil.example' } });
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(await storedOf(sessionId)).toHaveLength(1);
  });

  it('handles the preflight: allowed origin 204 with methods and headers, others 403 without CORS headers', async () => {
    const preflight = (origin: string, url = ingestUrl()) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(shop);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shop);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('content-type');
    for (const denied of [await preflight('https://evil.example'), await preflight(shop, ingestUrl(undefined, null))]) {
      expect(denied.status).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('takes origins only as http(s)://host[:port], for ADMINs', async () => {
    const refused = await setOrigins(tenantA.admin.token, ['https://shop.example/path']);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'origins.0' });
    expect((await setOrigins(tenantA.client.token, [shop])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('what ingestion adds and links', () => {
  it('accepts a sendBeacon body (text/plain JSON) and refuses bad input whole, with a clear code', async () => {
    const sessionId = `s-${randomUUID()}`;
    const beacon = await post(JSON.stringify({ events: sessionEvents(sessionId, 1) }), {
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: shop },
    });
    expect(beacon).toMatchObject({ status: 200, body: { accepted: 1 } });
    const refusals: [unknown, string | undefined][] = [
      [{ events: [anEvent({ sessionId }), anEvent({ sessionId, name: '' })] }, 'events.1.name'],
      [{ events: [anEvent({ sessionId, occurredAt: 'yesterday' })] }, undefined],
      [{ events: [anEvent({ sessionId, surprise: 1 })] }, undefined],
      [{ events: 'none' }, 'events'],
      [{ events: [] }, 'events'],
      ['{"events": [', undefined],
    ];
    for (const [body, field] of refusals) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors[0].extensions.code, JSON.stringify(body)).toBe('BAD_USER_INPUT');
      if (field) expect(answer.body.errors[0].extensions.field).toBe(field);
    }
    expect(await storedOf(sessionId)).toHaveLength(1);
  });

  it('parses the User-Agent and finds the country of the client address (from the trusted proxy header)', async () => {
    const gateway: RunningServer = await startOwnGateway({ INGEST_CLIENT_IP_HEADER: 'x-forwarded-for' });
    try {
      const sessionId = `s-${randomUUID()}`;
      const events = [
        anEvent({ sessionId, idempotencyKey: 'a' }),
        anEvent({ sessionId, idempotencyKey: 'b', browser: 'Own' }),
      ];
      const headers = { 'user-agent': firefox, 'x-forwarded-for': '193.99.144.80, 10.0.0.1' };
      expect((await post({ events }, { headers, url: ingestUrl(gateway.url) })).status).toBe(200);
      const stored = await storedOf(sessionId);
      expect(stored.map(({ browser, os, device, country }) => ({ browser, os, device, country }))).toEqual([
        { browser: 'Firefox', os: 'Linux', device: 'desktop', country: 'DE' },
        { browser: 'Own', os: 'Linux', device: 'desktop', country: 'DE' },
      ]);
      // The shared gateway trusts no header: the socket's address (loopback) has no country.
      const direct = `s-${randomUUID()}`;
      await post({ events: sessionEvents(direct, 1) }, { headers });
      expect((await storedOf(direct))[0]).toMatchObject({ browser: 'Firefox', country: null });
    } finally {
      await gateway.stop();
    }
  });

  it('links an anonymous id to the user on identify; the first link wins', async () => {
    const anonymousId = `anon-${randomUUID()}`;
    const [user, other] = [randomUUID(), randomUUID()];
    const sessionId = `s-${randomUUID()}`;
    await post({ events: sessionEvents(sessionId, 2, { anonymousId }) });
    await post({ events: [anEvent({ sessionId, anonymousId, userId: user, name: '$identify' })] });
    await post({ events: [anEvent({ sessionId, anonymousId, userId: other, name: '$identify' })] });
    const aliases = await db.analytics.personAlias.findMany({ where: { anonymousId } });
    expect(aliases.map(({ tenantId, userId }) => ({ tenantId, userId }))).toEqual([
      { tenantId: tenantA.tenant.id, userId: user },
    ]);
    expect((await storedOf(sessionId)).map((event) => event.anonymousId)).toEqual(Array(4).fill(anonymousId));
  });

  it('counts an identified visitor once in unique users: anonymous events before login and identified ones after', async () => {
    const [visitor, stranger, user] = [`anon-${randomUUID()}`, `anon-${randomUUID()}`, randomUUID()];
    const name = `visit-${randomUUID()}`;
    await post({
      events: [
        anEvent({ name, anonymousId: visitor }),
        anEvent({ name, anonymousId: visitor }),
        anEvent({ name, anonymousId: visitor, userId: user }),
        anEvent({ name, userId: user }),
        anEvent({ name, anonymousId: stranger }),
      ],
    });
    const day = new Date(new Date().toISOString().slice(0, 10));
    const { body } = await graphql(
      /* GraphQL */ `query T($query: TrendsInput!) { trends(query: $query) { series { values } } }`,
      {
        query: {
          event: name,
          measure: 'UNIQUE_USERS',
          interval: 'DAY',
          from: day.toISOString(),
          to: new Date(day.getTime() + 86_400_000).toISOString(),
        },
      },
      { headers: bearer(tenantA.admin.token) },
    );
    // Brute force: people are the user (and the anonymous id linked to it) and the stranger.
    expect(body.data?.trends.series[0].values.map(Number)).toEqual([2]);
  });
});

describe('backfill', () => {
  const old = () => new Date(Date.now() - 40 * 86_400_000).toISOString();
  const backfillMutation = /* GraphQL */ `
    mutation B($events: [EventInput!]!) { backfillEvents(events: $events) { accepted } }
  `;

  it('refuses events older than 30 days by default, and from an ingestion key even with the flag', async () => {
    const sessionId = `s-${randomUUID()}`;
    const plain = await post({ events: [anEvent({ sessionId, occurredAt: old() })] });
    expect(plain.status).toBe(400);
    expect(plain.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'events.0.occurredAt' });
    const flagged = await post({ events: [anEvent({ sessionId, occurredAt: old() })], backfill: true });
    expect(flagged.status).toBe(403);
    expect(await storedOf(sessionId)).toEqual([]);
  });

  it('accepts them from a tenant import with the flag and from a SUPERADMIN backfill', async () => {
    const sessionId = `s-${randomUUID()}`;
    const importKey = await apiKey(tenantA.admin.token, 'CLIENT');
    const imported = await post(
      { events: [anEvent({ sessionId, occurredAt: old() })], backfill: true },
      { url: ingestUrl(undefined, importKey) },
    );
    expect(imported).toMatchObject({ status: 200, body: { accepted: 1 } });
    const { body } = await graphql(
      backfillMutation,
      { events: [anEvent({ sessionId, occurredAt: old(), tenantId: tenantB.tenant.id })] },
      { headers: bearer(superToken) },
    );
    expect(body.data?.backfillEvents.accepted).toBe(1);
    expect((await storedOf(sessionId)).map((event) => event.tenantId).sort()).toEqual(
      [tenantA.tenant.id, tenantB.tenant.id].sort(),
    );
  });
});

describe('the snippet file', () => {
  it('is served by the gateway as an ES module anyone may load', async () => {
    const response = await fetch(new URL('/ingest/snippet.js', inject('gatewayUrl')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toMatch(/export\{/);
  });
});

afterAll(() => db.disconnect());
