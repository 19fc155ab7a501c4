import { databaseName, isDatabaseBusy } from '@codex/kit';
import type { Platform } from '@codex/platform';
import { createCrmDatabase } from '@codex/subgraph-crm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCustomer } from './support/crm-api.ts';
import { graphql } from './support/graphql.ts';
import { startPrivatePlatform } from './support/private-platform.ts';
import { subgraphRequest } from './support/subgraph-request.ts';

const crmAdminUrl = () => inject('adminDatabaseUrl').replace(/\/postgres$/, `/${databaseName('crm')}`);

/** Holds a row lock on one customer (as the superuser, outside the services) until released. */
async function lockCustomer(id: string) {
  const client = new pg.Client({ connectionString: crmAdminUrl() });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [id]);
  return { release: () => client.query('ROLLBACK').then(() => client.end()) };
}

const renameCustomer = /* GraphQL */ `mutation Rename($id: ID!) { updateCustomer(id: $id, input: { company: "Busy" }) { id } }`;
const readCustomer = /* GraphQL */ `query Read($id: ID!) { customer(id: $id) { id } }`;

describe('bounded work per request', () => {
  // Two connections, statements cut at 500 ms, up to 5 s to get a connection.
  let platform: Platform;
  let slow: TenantActors;
  let other: TenantActors;
  let slowCustomer: string;
  let otherCustomer: string;

  beforeAll(async () => {
    const token = await superadminToken();
    [slow, other] = await Promise.all([createTenantWithUsers(token, 'slow'), createTenantWithUsers(token, 'other')]);
    slowCustomer = (await createCustomer(as(slow.admin.token))).id;
    otherCustomer = (await createCustomer(as(other.admin.token))).id;
    platform = await startPrivatePlatform({
      DATABASE_POOL_MAX: '2',
      DATABASE_STATEMENT_TIMEOUT_MS: '500',
      DATABASE_POOL_TIMEOUT_MS: '5000',
    });
  }, 180_000);
  afterAll(() => platform?.stop());

  it("one tenant's stuck statements are cancelled (SERVICE_UNAVAILABLE) and another tenant's requests still answer", async () => {
    const lock = await lockCustomer(slowCustomer);
    try {
      const send = (actors: TenantActors, query: string, id: string) =>
        graphql(
          query,
          { id },
          { url: platform.gatewayUrl, headers: { authorization: `Bearer ${actors.admin.token}` } },
        );
      // Four writes that wait on the lock: twice the pool, so they would hold every connection.
      const stuck = Array.from({ length: 4 }, () => send(slow, renameCustomer, slowCustomer));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const others = await Promise.all(Array.from({ length: 3 }, () => send(other, readCustomer, otherCustomer)));
      for (const answer of others) {
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.data?.customer?.id).toBe(otherCustomer);
      }
      for (const answer of await Promise.all(stuck)) {
        expect(answer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(answer.body.errors?.[0]?.message).not.toContain('statement timeout');
      }
    } finally {
      await lock.release();
    }
    const after = await graphql(
      renameCustomer,
      { id: slowCustomer },
      { url: platform.gatewayUrl, headers: { authorization: `Bearer ${slow.admin.token}` } },
    );
    expect(after.body.errors).toBeUndefined();
  });

  it('no free connection within the acquire timeout, or a cancelled statement, is a busy database', async () => {
    const db = createCrmDatabase(inject('databaseUrls').crm, {
      limits: { poolMax: 1, poolTimeoutMs: 200, statementTimeoutMs: 300 },
    });
    try {
      const cancelled = await db.$queryRawUnsafe('SELECT pg_sleep(2)').catch((error: unknown) => error);
      expect(isDatabaseBusy(cancelled)).toBe(true);
      const holding = db.$queryRawUnsafe('SELECT pg_sleep(0.25)').catch(() => null);
      const waited = await db.$queryRawUnsafe('SELECT 1').catch((error: unknown) => error);
      expect(isDatabaseBusy(waited)).toBe(true);
      await holding;
    } finally {
      await db.$disconnect();
    }
  });

  it("the app role's sessions default to bounded statements and idle transactions", async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrls').crm });
    await client.connect();
    try {
      const { rows } = await client.query<{ statement: string; idle: string }>(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
      expect(rows[0]).toEqual({ statement: '5s', idle: '10s' });
    } finally {
      await client.end();
    }
  });

  it('a subgraph refuses a request body nested deeper than 64 (OPERATION_LIMIT_EXCEEDED, jsonDepth)', async () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 70; level += 1) deep = [deep];
    const refused = await subgraphRequest('crm', '{ __typename }', { variables: { deep } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'jsonDepth',
      max: 64,
    });
    expect((await subgraphRequest('crm', '{ __typename }', { variables: { shallow: [[['leaf']]] } })).status).toBe(200);
  });
});
