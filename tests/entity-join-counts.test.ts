import { randomUUID } from 'node:crypto';
import type { SubgraphName } from '@codex/kit';
import type { Platform } from '@codex/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql } from './support/graphql.ts';
import { startPrivatePlatform, statementsSent } from './support/private-platform.ts';

/**
 * S2's entity joins (issue 11): a 20-customer page's `subscriptions` (Billing) and
 * `recentEvents(first: 3)` (Analytics) each cost one read session of ≤ 2 statements (scope, rows:
 * subscriptions with their plans, events of every customer), and answer what the lists answer.
 */
let platform: Platform;
let actors: TenantActors;
const db = connectDatabases();
const customersPerPage = 20;

/** Two subscriptions (on two plans) and five events per customer; `other` gets the same for its own tenant. */
async function fillJoins(tenantId: string, customerIds: string[], label: string) {
  const plans = await Promise.all(
    ['Basic', 'Pro'].map((name) =>
      db.billing.plan.create({ data: { tenantId, name: `${name} ${label}`, amount: '9.5' } }),
    ),
  );
  const now = Date.now();
  await db.billing.subscription.createMany({
    data: customerIds.flatMap((customerId, c) =>
      plans.map((plan, p) => ({
        tenantId,
        customerId,
        planId: plan.id,
        status: 'ACTIVE' as const,
        quantity: c + p + 1,
        currentPeriodStart: new Date(now),
        currentPeriodEnd: new Date(now + 30 * 86_400_000),
        createdAt: new Date(now - (p + 1) * 60_000),
      })),
    ),
  });
  await db.analytics.event.createMany({
    data: customerIds.flatMap((customerId, c) =>
      Array.from({ length: 5 }, (_, e) => ({
        tenantId,
        customerId,
        name: `${label}_${e}`,
        idempotencyKey: `${label}-${c}-${e}-${randomUUID()}`,
        occurredAt: new Date(now - (e + 1) * 3_600_000),
        data: { step: e },
      })),
    ),
  });
}

beforeAll(async () => {
  const superToken = await superadminToken();
  [platform, actors] = await Promise.all([startPrivatePlatform(), createTenantWithUsers(superToken, 'entity-joins')]);
  const customers = await db.crm.customer.createManyAndReturn({
    data: Array.from({ length: customersPerPage }, (_, i) => ({
      tenantId: actors.tenant.id,
      email: `joins-${i}-${randomUUID().slice(0, 8)}@example.test`,
      firstName: 'Jo',
      lastName: `Customer ${i}`,
    })),
  });
  const ids = customers.map((customer) => customer.id);
  const other = await db.auth.tenant.create({ data: { slug: `joins-${randomUUID().slice(0, 8)}`, name: 'Other' } });
  // Another tenant's rows naming the same customer ids must never show.
  await Promise.all([fillJoins(actors.tenant.id, ids, 'own'), fillJoins(other.id, ids, 'foreign')]);
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  await db.disconnect();
});

const subscriptionFields = /* GraphQL */ `id tenantId status quantity trialStart trialEnd currentPeriodStart
  currentPeriodEnd cancelAtPeriodEnd cancelledAt cancelReason usageBilledThrough createdAt updatedAt
  plan { id tenantId name code description amount currency interval intervalCount trialDays features active
    dunningReminderDays dunningFinalAction dunningFinalAfterDays daysUntilDue createdAt updatedAt }`;
const eventFields = /* GraphQL */ `id tenantId name occurredAt receivedAt idempotencyKey data userId customerId
  sessionId pageUrl pageTitle referrer device browser os country anonymousId`;

const pageQuery = /* GraphQL */ `{ customers(first: ${customersPerPage}) { edges { node {
  id subscriptions { ${subscriptionFields} } recentEvents(first: 3) { ${eventFields} }
} } } }`;

type Row = Record<string, unknown> & { id: string };
interface Node {
  id: string;
  subscriptions: (Row & { plan: Row; tenantId: string; createdAt: string })[];
  recentEvents: (Row & { tenantId: string; name: string })[];
}

/** The page through the private gateway and the statements Billing and Analytics sent for it (the fewest of 3 runs). */
async function page() {
  const services: SubgraphName[] = ['billing', 'analytics'];
  const fewest = { billing: Number.POSITIVE_INFINITY, analytics: Number.POSITIVE_INFINITY };
  let nodes: Node[] = [];
  for (let run = 0; run < 3; run += 1) {
    const before = await Promise.all(services.map((name) => statementsSent(platform, name)));
    const { body } = await graphql(pageQuery, {}, { url: platform.gatewayUrl, headers: bearer(actors.admin.token) });
    expect(body.errors).toBeUndefined();
    nodes = body.data?.customers.edges.map((edge: { node: Node }) => edge.node);
    const after = await Promise.all(services.map((name) => statementsSent(platform, name)));
    fewest.billing = Math.min(fewest.billing, after[0]! - before[0]!);
    fewest.analytics = Math.min(fewest.analytics, after[1]! - before[1]!);
  }
  return { nodes, fewest };
}

describe('entity joins of a 20-customer page', () => {
  it('cost Billing and Analytics one read session each: ≤ 2 statements, whatever the number of customers', async () => {
    const { nodes, fewest } = await page();
    expect(nodes).toHaveLength(customersPerPage);
    expect(fewest.billing).toBeLessThanOrEqual(2);
    expect(fewest.analytics).toBeLessThanOrEqual(2);
  });

  it('answer each customer’s own subscriptions newest first with their plans, and its 3 newest own events', async () => {
    const { nodes } = await page();
    for (const node of nodes) {
      expect(node.subscriptions.map((s) => s.plan.name)).toEqual(['Basic own', 'Pro own']);
      expect(node.subscriptions.every((s) => s.tenantId === actors.tenant.id)).toBe(true);
      expect(node.recentEvents.map((event) => event.name)).toEqual(['own_0', 'own_1', 'own_2']);
      expect(node.recentEvents.every((event) => event.tenantId === actors.tenant.id)).toBe(true);
    }
  });

  it('answer the same fields as the rows read by id and by list', async () => {
    const { nodes } = await page();
    const [subscription, event] = [nodes[0]!.subscriptions[0]!, nodes[0]!.recentEvents[0]!];
    const { body } = await graphql(
      /* GraphQL */ `query ($s: ID!, $e: ID!) { subscription(id: $s) { ${subscriptionFields} } event(id: $e) { ${eventFields} } }`,
      { s: subscription.id, e: event.id },
      { url: platform.gatewayUrl, headers: bearer(actors.admin.token) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.subscription).toEqual(subscription);
    expect(body.data?.event).toEqual(event);
  });
});
