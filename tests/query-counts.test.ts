import { subgraphNames, type SubgraphName } from '@codex/kit';
import type { Platform } from '@codex/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTenants } from '@codex/kit';
import { readTenantsWithUsers } from '@codex/subgraph-auth';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql } from './support/graphql.ts';
import { startPrivatePlatform, statementsSent } from './support/private-platform.ts';
import { fillBilling, fillCms, fillCrm } from './support/query-count-fixtures.ts';
import { createTenant } from './support/tenant-fixture.ts';

/**
 * N+1 guard: the SQL statements each subgraph sends for one request must not grow with the size of
 * the list asked for. Counted on a private set of services (their counters see no other traffic).
 */
let platform: Platform;
let superToken: string;
const db = connectDatabases();

beforeAll(async () => {
  [platform, superToken] = await Promise.all([startPrivatePlatform(), superadminToken()]);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  await db.disconnect();
});

/** Statements per subgraph for one run of `query` through the private gateway (the fewest of 3 runs). */
async function statementsPerSubgraph(query: string, variables: Record<string, unknown>, token: string) {
  const fewest = Object.fromEntries(subgraphNames.map((name) => [name, Number.POSITIVE_INFINITY])) as Record<
    SubgraphName,
    number
  >;
  for (let run = 0; run < 3; run += 1) {
    const before = await Promise.all(subgraphNames.map((name) => statementsSent(platform, name)));
    const { body } = await graphql(query, variables, { url: platform.gatewayUrl, headers: bearer(token) });
    expect(body.errors).toBeUndefined();
    const after = await Promise.all(subgraphNames.map((name) => statementsSent(platform, name)));
    subgraphNames.forEach((name, index) => {
      fewest[name] = Math.min(fewest[name], after[index]! - before[index]!);
    });
  }
  return fewest;
}

describe('SQL statements per request do not grow with list size', () => {
  it('tenant summaries of 10 and of 100 tenants cost the same statements in every subgraph', async () => {
    await Promise.all(Array.from({ length: 100 }, () => createTenant(db, { customers: 1, leads: ['OPEN'] })));
    const query = /* GraphQL */ `
      query Summaries($first: Int!) {
        tenants(first: $first) {
          edges { node { id users { total } crm { totalCustomers } cms { pages } billing { openInvoices } analytics { totalEvents } } }
        }
      }
    `;
    const ten = await statementsPerSubgraph(query, { first: 10 }, superToken);
    const hundred = await statementsPerSubgraph(query, { first: 100 }, superToken);
    console.info('statements per request, tenant summaries (10 vs 100 tenants):', JSON.stringify({ ten, hundred }));
    expect(hundred).toEqual(ten);
  });

  describe("a tenant's figures and KPIs (CDX, the bench's request)", () => {
    const figures = /* GraphQL */ `query TenantFigures($id: ID!) { tenant(id: $id) {
      id slug name status
      users { total active lastActivityAt }
      crm { totalCustomers totalLeads openLeads pipelineValue { amount currency } leadsByStage { stageName openLeads } }
      cms { totalContentItems mediaFiles pages }
      billing { mrr { amount currency } activeSubscriptions openInvoices overdueInvoices revenueAllTime { amount currency } }
      analytics { totalEvents eventsLast24h eventsLast30d uniqueUsers30d topEvents { name count } }
      kpis { revenuePerCustomer { amount currency } leadToSubscriptionConversion activeUserRatio eventsPerActiveUser }
    } }`;
    const lastLoginAt = new Date('2026-11-20T10:00:00.000Z');
    let tenantId: string;
    beforeAll(async () => {
      const tenant = await createTenant(db, {
        users: [{ active: true, lastLoginAt }, { active: false }, { active: true }],
        customers: 2,
        leads: ['OPEN', 'WON'],
        pages: 1,
        subscriptions: ['ACTIVE'],
        invoices: ['PAID', 'OPEN'],
        eventAgesHours: [1, 30],
      });
      tenantId = tenant.id;
    });

    it('costs Auth two statements (scope, the tenant with its user figures) and each summary two (scope, its read)', async () => {
      const cost = await statementsPerSubgraph(figures, { id: tenantId }, superToken);
      console.info("statements per request, a tenant's figures and KPIs:", JSON.stringify(cost));
      expect(cost).toEqual({ auth: 2, crm: 2, cms: 2, billing: 2, analytics: 2 });
    });

    it("reads Auth's tenant row as Prisma does, beside its user figures", async () => {
      const [read] = await readTenantsWithUsers(db.auth, allTenants, [tenantId]);
      expect(read?.tenant).toEqual(await db.auth.tenant.findUnique({ where: { id: tenantId } }));
      expect(read?.users).toEqual({ total: 3, active: 2, lastActivityAt: lastLoginAt });
    });
  });

  describe('a page of customers with their leads, assignees, subscriptions and latest events', () => {
    let actors: TenantActors;

    /** Through the shared gateway: 100 customers, each with a lead, a subscription and three events. */
    beforeAll(async () => {
      actors = await createTenantWithUsers(superToken, 'n-plus-one');
      const as = (token: string) => async (query: string, variables: Record<string, unknown>) => {
        const { body } = await graphql(query, variables, { headers: bearer(token) });
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data!;
      };
      const admin = as(actors.admin.token);
      const superadmin = as(superToken);
      const plan = await superadmin(
        /* GraphQL */ `mutation Plan($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
        {
          input: {
            tenantId: actors.tenant.id,
            name: 'Growth',
            amount: '49.00',
            currency: 'USD',
            interval: 'MONTH',
            intervalCount: 1,
            trialDays: 0,
          },
        },
      );
      await admin(
        /* GraphQL */ `mutation Pipeline($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`,
        {
          input: {
            name: 'Sales',
            stages: [
              { name: 'New', probability: 10 },
              { name: 'Won', probability: 100 },
            ],
          },
        },
      );
      const customerIds: string[] = [];
      for (let i = 0; i < 100; i += 1) {
        const created = await admin(
          /* GraphQL */ `mutation Customer($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
          {
            input: { email: `n1-${i}@example.test`, firstName: 'Nora', lastName: `Customer ${i}`, company: 'Plusone' },
          },
        );
        customerIds.push(created.createCustomer.id);
      }
      for (const [i, customerId] of customerIds.entries()) {
        await admin(/* GraphQL */ `mutation Lead($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
          input: {
            title: `Deal ${i}`,
            customerId,
            assigneeId: i % 2 ? actors.admin.id : actors.client.id,
            value: '1000.00',
            currency: 'USD',
          },
        });
        await admin(
          /* GraphQL */ `mutation Subscribe($input: SubscribeCustomerInput!) { subscribeCustomer(input: $input) { id } }`,
          {
            input: { customerId, planId: plan.createPlan.id },
          },
        );
      }
      const events = customerIds.flatMap((customerId, i) =>
        [0, 1, 2].map((n) => ({ idempotencyKey: `n1-${i}-${n}`, name: `page_view_${n}`, customerId })),
      );
      const { body } = await graphql(
        /* GraphQL */ `mutation Ingest($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }`,
        { events },
        { headers: bearer(actors.client.token) },
      );
      expect(body.data?.ingestEvents.accepted).toBe(300);
    }, 180_000);

    it('costs the same SQL statements per subgraph for 10 and for 100 customers', async () => {
      const query = /* GraphQL */ `
        query CustomerPage($first: Int!) {
          customers(first: $first) {
            edges {
              node {
                id email
                leads(first: 5) { id title assignee { id email } }
                subscriptions { id status plan { id name } }
                recentEvents(first: 3) { id name }
              }
            }
          }
        }
      `;
      const { body } = await graphql(
        query,
        { first: 100 },
        { url: platform.gatewayUrl, headers: bearer(actors.admin.token) },
      );
      const nodes = body.data?.customers.edges.map((edge: { node: unknown }) => edge.node) as {
        leads: { assignee: { id: string } | null }[];
        subscriptions: unknown[];
        recentEvents: unknown[];
      }[];
      expect(nodes).toHaveLength(100);
      for (const node of nodes) {
        expect(node.leads).toHaveLength(1);
        expect(node.leads[0]!.assignee?.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(node.subscriptions).toHaveLength(1);
        expect(node.recentEvents).toHaveLength(3);
      }
      const ten = await statementsPerSubgraph(query, { first: 10 }, actors.admin.token);
      const hundred = await statementsPerSubgraph(query, { first: 100 }, actors.admin.token);
      console.info('statements per request, customer page (10 vs 100 customers):', JSON.stringify({ ten, hundred }));
      expect(hundred).toEqual(ten);
    });
  });

  /** A fresh tenant filled by `fill`; each query must cost the same for `few` and `many` parents. */
  const eachHop = (
    label: string,
    fill: (actors: TenantActors) => Promise<Record<string, unknown>>,
    queries: [string, string][],
    few: number,
    many: number,
  ) =>
    describe(label, () => {
      let actors: TenantActors;
      let variables: Record<string, unknown>;
      beforeAll(async () => {
        actors = await createTenantWithUsers(superToken, 'n1-hops');
        variables = await fill(actors);
      }, 120_000);

      it.each(queries)('%s', async (name, query) => {
        const fewCost = await statementsPerSubgraph(query, { ...variables, first: few }, actors.admin.token);
        const manyCost = await statementsPerSubgraph(query, { ...variables, first: many }, actors.admin.token);
        console.info(
          `statements per request, ${name} (${few} vs ${many}):`,
          JSON.stringify({ few: fewCost, many: manyCost }),
        );
        expect(manyCost).toEqual(fewCost);
      });
    });

  eachHop(
    'CRM joins',
    async (actors) => {
      await fillCrm(db, actors.tenant.id, actors.admin.id, 30);
      return {};
    },
    [
      [
        'customers with leads, stages, pipelines, interactions, assignees; my assigned leads',
        /* GraphQL */ `query Board($first: Int!) {
        customers(first: $first) { edges { node { id
          leads { id assignee { id } customer { id } stage { name pipeline { name } } pipeline { stages { name } } interactions { id user { id } lead { id } customer { id } } }
          interactions { id lead { title } } } } }
        me { assignedLeads(first: 5) { id stage { name } } }
      }`,
      ],
    ],
    3,
    30,
  );

  eachHop(
    'CMS joins',
    async (actors) => fillCms(db, actors.tenant.id, actors.admin.id, 60),
    [
      [
        'content items with type, author and newest revisions',
        /* GraphQL */ `query Items($first: Int!, $typeId: ID!) { contentItems(first: $first, filter: { contentTypeId: $typeId }) {
        edges { node { id contentType { id fields { name } } author { id } revisions(first: 2) { version } } } } }`,
      ],
      [
        'pages with parent and two levels of children',
        /* GraphQL */ `query Pages($first: Int!) { pages(first: $first, rootOnly: true) {
        edges { node { id parent { id } children(first: 5) { id parent { id } children { id } } } } } }`,
      ],
    ],
    10,
    60,
  );

  eachHop(
    'Billing joins',
    async (actors) => {
      await fillBilling(db, actors.tenant.id, 30);
      return {};
    },
    [
      [
        'subscriptions with plan, customer and invoices with lines',
        /* GraphQL */ `query Subscriptions($first: Int) { subscriptions(first: $first) { edges { node { plan { name } customer { id } invoices(first: 2) { number lines { amount } subscription { id } } } } } }`,
      ],
      [
        'invoices with subscription, plan and lines',
        /* GraphQL */ `query Invoices($first: Int) { invoices(first: $first) { edges { node { number subscription { plan { id } } lines { amount } customer { id } } } } }`,
      ],
      [
        'usage events with subscription and metric',
        /* GraphQL */ `query Usage($first: Int) { usageEvents(first: $first) { edges { node { subscription { id } billableMetric { code } } } } }`,
      ],
      [
        'CRM customers with their subscriptions and plans',
        /* GraphQL */ `query CustomerPlans($first: Int) { customers(first: $first) { edges { node { id subscriptions { id plan { name } } } } } }`,
      ],
    ],
    3,
    30,
  );
});
