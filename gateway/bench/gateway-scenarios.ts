import { demoTenant } from '@codex/kit';

/** What one scenario sends: a GraphQL body, the same for every gateway (and for the direct subgraph row). */
export interface Scenario {
  id: string;
  title: string;
  body: string;
}

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

const customerPage = /* GraphQL */ `query CustomerPage {
  customers(first: 20) { edges { node { id email firstName lastName company } } }
}`;

const customerJoins = /* GraphQL */ `query CustomerJoins {
  customers(first: 20) { edges { node {
    id email firstName lastName company
    subscriptions { id status quantity currentPeriodEnd plan { id name } }
    recentEvents(first: 3) { id name occurredAt }
  } } }
}`;

const tenantFigures = /* GraphQL */ `query TenantFigures($id: ID!) { tenant(id: $id) {
  id slug name
  users { total active }
  crm { totalCustomers totalLeads openLeads pipelineValue { amount currency } }
  cms { totalContentItems publishedContentItems mediaFiles }
  billing { mrr { amount currency } activeSubscriptions openInvoices }
  analytics { totalEvents eventsLast30d uniqueUsers30d }
  kpis { revenuePerCustomer { amount currency } leadToSubscriptionConversion activeUserRatio eventsPerActiveUser }
} }`;

/** S1–S3 run on the real subgraphs; S4 is S2's query over constant subgraphs (gateway work only). */
export const scenarios = {
  s1: { id: 'S1', title: 'one-subgraph page: customers(first: 20)', body: body(customerPage) },
  s2: {
    id: 'S2',
    title: 'page + entity joins over 3 subgraphs: customers with subscriptions, recentEvents(first: 3)',
    body: body(customerJoins),
  },
  s3: {
    id: 'S3',
    title: "a tenant's summaries and KPIs: users crm cms billing analytics kpis",
    body: body(tenantFigures, { id: demoTenant.id }),
  },
  s4: {
    id: 'S4',
    title: 'S2 over constant subgraphs (answers from memory): the gateway alone',
    body: body(customerJoins),
  },
} satisfies Record<string, Scenario>;

/** Straight to CRM with a signed header: the data-path row (page / typename ≥ 0.5). */
export const directScenarios = {
  typename: { id: 'CRM typename', title: 'CRM { __typename } straight to the subgraph', body: body('{ __typename }') },
  page: { id: 'CRM S1', title: 'S1 straight to the CRM subgraph', body: body(customerPage) },
} satisfies Record<string, Scenario>;
