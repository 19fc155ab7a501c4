import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, login, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCustomer } from './support/crm-api.ts';
import { graphql } from './support/graphql.ts';
import WebSocket from 'ws';
import { tenantFiguresSubscription } from '../sdk/src/index.ts';
import { sdkClient } from './support/sdk-fixture.ts';
import {
  codeOf,
  endingOf,
  liveUrls,
  record,
  recordSse,
  recordWs,
  type Transport,
  wsClient,
} from './support/live-clients.ts';
import { startOwnGateway } from './support/own-gateway.ts';

/**
 * Live queries through the shared platform's gateway, over both transports: a change made by
 * another client reaches the subscriber, revocation ends subscriptions, refusals carry their codes.
 * Limits and platformHealth run on a gateway of their own (tests/live-limits.test.ts).
 */
const figures = /* GraphQL */ `subscription Figures($tenantId: ID!) {
  tenantFigures(tenantId: $tenantId) { id name users { total } crm { totalCustomers } }
}`;
const events = /* GraphQL */ `subscription Events($types: [String!]) {
  domainEvents(types: $types) { id type tenantId entityId payload occurredAt service }
}`;

type Figures = { tenantFigures: { crm: { totalCustomers: number } | null; users: { total: number } | null } };
const customersIn = (result: { data?: unknown }) =>
  (result.data as Figures | undefined)?.tenantFigures?.crm?.totalCustomers;

let superToken: string;
let actors: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'live');
});

describe.each<Transport>(['ws', 'sse'])('over %s', (transport) => {
  it('tenantFigures answers on subscribe with fields of two subgraphs, and again after another client adds a customer', async () => {
    const subscriber = record(transport, bearer(actors.admin.token), figures, { tenantId: actors.tenant.id });
    try {
      const first = await subscriber.waitFor((result) => customersIn(result) !== undefined);
      expect(first.errors).toBeUndefined();
      const before = customersIn(first) as number;
      expect((first.data as Figures).tenantFigures.users?.total).toBe(2);
      await createCustomer(as(actors.client.token));
      await subscriber.waitFor((result) => customersIn(result) === before + 1);
    } finally {
      subscriber.stop();
    }
  });

  it('domainEvents delivers the event of a change made by another client, and nothing of another tenant', async () => {
    const other = await createTenantWithUsers(superToken, 'live-other');
    const subscriber = record(transport, bearer(actors.admin.token), events, { types: ['customer.created'] });
    try {
      // The stream starts "from now": a first event proves it is listening before the real check.
      await createCustomer(as(other.admin.token));
      const created = await createCustomer(as(actors.client.token));
      const received = await subscriber.waitFor(
        (result) => (result.data?.domainEvents as { entityId?: string })?.entityId === created.id,
      );
      expect(received.data?.domainEvents).toMatchObject({
        type: 'customer.created',
        tenantId: actors.tenant.id,
        service: 'crm',
      });
      expect(
        subscriber.results.every(
          (result) => (result.data?.domainEvents as { tenantId?: string } | undefined)?.tenantId === actors.tenant.id,
        ),
      ).toBe(true);
    } finally {
      subscriber.stop();
    }
  });

  it("refuses another tenant's figures with FORBIDDEN and anonymous callers with UNAUTHENTICATED", async () => {
    const other = await createTenantWithUsers(superToken, 'live-foreign');
    const foreign = record(transport, bearer(actors.admin.token), figures, { tenantId: other.tenant.id });
    expect(await endingOf(foreign)).toContain('FORBIDDEN');
    foreign.stop();
    const anonymous = record(transport, {}, figures, { tenantId: actors.tenant.id });
    expect(await endingOf(anonymous)).toContain('UNAUTHENTICATED');
    anonymous.stop();
  });
});

describe('revocation ends subscriptions within the revocation poll interval', () => {
  const revoked = async (change: (actors: TenantActors) => Promise<unknown>, expected: string) => {
    const victim = await createTenantWithUsers(superToken, 'live-revoked');
    const subscriber = record('ws', bearer(victim.admin.token), figures, { tenantId: victim.tenant.id });
    await subscriber.waitFor((result) => customersIn(result) !== undefined);
    await change(victim);
    const last = await subscriber.waitFor((result) => result.errors !== undefined, 20_000);
    expect(codeOf(last)).toBe(expected);
    await subscriber.ended;
    subscriber.stop();
  };

  it('logout', () =>
    revoked(
      (victim) => graphql('mutation { logout }', {}, { headers: bearer(victim.admin.token) }),
      'UNAUTHENTICATED',
    ));
  it('a deactivated user', () =>
    revoked(
      (victim) =>
        graphql(
          'mutation D($id: ID!) { deactivateUser(id: $id) { id } }',
          { id: victim.admin.id },
          { headers: bearer(superToken) },
        ),
      'UNAUTHENTICATED',
    ));
  it('a suspended tenant', () =>
    revoked(
      (victim) =>
        graphql(
          'mutation S($id: ID!) { suspendTenant(id: $id) { id } }',
          { id: victim.tenant.id },
          { headers: bearer(superToken) },
        ),
      'FORBIDDEN',
    ));
});

describe('the schema and the HTTP endpoint', () => {
  it('introspection shows the Subscription type; a subscription over POST /graphql is refused with its code', async () => {
    const { body } = await graphql(
      '{ __schema { subscriptionType { fields { name } } } }',
      {},
      { headers: bearer(superToken) },
    );
    expect(body.data?.__schema.subscriptionType.fields.map((field: { name: string }) => field.name)).toEqual([
      'tenantFigures',
      'domainEvents',
      'platformHealth',
    ]);
    const refused = await graphql(figures, { tenantId: actors.tenant.id }, { headers: bearer(actors.admin.token) });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('platformHealth is for SUPERADMIN: an ADMIN gets FORBIDDEN, a SUPERADMIN the health', async () => {
    const client = wsClient(bearer(superToken));
    const admin = wsClient(bearer(await login(actors.admin.email, actors.admin.password)));
    try {
      const health = recordWs(client, 'subscription { platformHealth { status subgraphs { name status } } }');
      const answer = await health.waitFor((result) => result.data !== undefined);
      expect((answer.data?.platformHealth as { subgraphs?: unknown[] } | undefined)?.subgraphs).toHaveLength(5);
      expect(await endingOf(recordWs(admin, 'subscription { platformHealth { status } }'))).toContain('FORBIDDEN');
    } finally {
      await client.dispose();
      await admin.dispose();
    }
  });
});

describe('the SDK', () => {
  it('codex.live.subscribe carries the client credentials and types the pushed figures', async () => {
    const codex = sdkClient({
      credentials: { email: actors.admin.email, password: actors.admin.password },
      webSocket: WebSocket,
    });
    try {
      for await (const result of codex.live.subscribe(tenantFiguresSubscription, { tenantId: actors.tenant.id })) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.tenantFigures?.id).toBe(actors.tenant.id);
        expect(typeof result.data?.tenantFigures?.crm?.totalCustomers).toBe('number');
        break;
      }
    } finally {
      await codex.live.close();
    }
  });
});

describe('on a gateway in safelist mode', () => {
  it("runs an ADMIN's tenantFigures (the gateway's own rewrite of it is not a client operation)", async () => {
    const gateway = await startOwnGateway({ PERSISTED_OPERATIONS: 'safelist' });
    const subscriber = recordSse(
      bearer(actors.admin.token),
      figures,
      { tenantId: actors.tenant.id },
      liveUrls(gateway.url).sse,
    );
    try {
      const first = await subscriber.waitFor(
        (result) => result.errors !== undefined || customersIn(result) !== undefined,
      );
      expect(first.errors).toBeUndefined();
    } finally {
      subscriber.stop();
      await gateway.stop();
    }
  });
});
