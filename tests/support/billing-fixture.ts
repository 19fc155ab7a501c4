import { randomUUID } from 'node:crypto';
import { bearer } from './actors.ts';
import type { Databases } from './databases.ts';
import { graphql, type GraphQLResponse, type AnswerJson } from './graphql.ts';

/** One operation through the gateway as the holder of `token`. */
export const as = <T = Record<string, AnswerJson>>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> => graphql<T>(query, variables, { headers: bearer(token) });

/** The data of an answer that must have succeeded (fails the test with the errors otherwise). */
export function dataOf<T = Record<string, AnswerJson>>(response: GraphQLResponse<T>): T {
  if (response.body.errors?.length || !response.body.data)
    throw new Error(`expected success, got ${JSON.stringify(response.body.errors)}`);
  return response.body.data;
}

/** A CRM customer of `tenantId`, written straight into CRM's database (Billing only refers to it). */
export async function createCrmCustomer(db: Databases, tenantId: string): Promise<string> {
  const unique = randomUUID().slice(0, 8);
  const customer = await db.crm.customer.create({
    data: { tenantId, email: `billing-${unique}@example.test`, firstName: 'Bill', lastName: `Payer ${unique}` },
  });
  return customer.id;
}

export const planFields =
  'id tenantId name code description amount currency interval intervalCount trialDays features active';
export const subscriptionFields =
  'id tenantId status quantity trialStart trialEnd currentPeriodStart currentPeriodEnd cancelAtPeriodEnd cancelledAt cancelReason plan { id } customer { id }';
export const invoiceFields =
  'id tenantId number status currency subtotal discount tax total amountPaid issuedAt dueDate overdue paidAt voidedAt periodStart periodEnd lines { position description quantity unitPrice amount }';

export interface PlanInput {
  name?: string;
  code?: string;
  amount?: string;
  currency?: string;
  interval?: 'MONTH' | 'YEAR';
  intervalCount?: number;
  trialDays?: number;
  features?: Record<string, unknown>;
  charges?: Record<string, unknown>[];
}

/** A plan of `tenantId`, created by the SUPERADMIN through the API (plans are SUPERADMIN writes). */
export async function createPlan(superToken: string, tenantId: string, input: PlanInput = {}) {
  const response = await as(
    superToken,
    /* GraphQL */ `mutation ($input: CreatePlanInput!) { createPlan(input: $input) { ${planFields} } }`,
    {
      input: {
        name: `Plan ${randomUUID().slice(0, 8)}`,
        amount: '49.0000',
        currency: 'USD',
        interval: 'MONTH',
        trialDays: 0,
        ...input,
        tenantId,
      },
    },
  );
  return dataOf(response).createPlan as { id: string; amount: string; currency: string; [field: string]: unknown };
}

export const subscribeMutation = /* GraphQL */ `mutation ($input: SubscribeCustomerInput!) { subscribeCustomer(input: $input) { ${subscriptionFields} } }`;

/** A subscription created by `token` (an ADMIN or the SUPERADMIN) through the API. */
export async function subscribe(
  token: string,
  input: { customerId: string; planId: string; startAt?: string; trialDays?: number; quantity?: number },
) {
  return dataOf(await as(token, subscribeMutation, { input })).subscribeCustomer as {
    id: string;
    status: string;
    [field: string]: AnswerJson;
  };
}

export const createInvoiceMutation = /* GraphQL */ `mutation ($input: CreateInvoiceForPeriodInput!) { createInvoiceForPeriod(input: $input) { ${invoiceFields} } }`;

export const recordUsageMutation = /* GraphQL */ `mutation ($input: RecordUsageInput!) {
  recordUsage(input: $input) { id metricCode value properties occurredAt idempotencyKey subscription { id } billableMetric { id code } }
}`;

export interface MetricInput {
  code: string;
  aggregation: 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE_COUNT' | 'LATEST';
  fieldName?: string;
  name?: string;
}

/** A billable metric of `tenantId`, created by the SUPERADMIN through the API. */
export async function createMetric(superToken: string, tenantId: string, input: MetricInput) {
  const response = await as(
    superToken,
    /* GraphQL */ `mutation ($input: CreateBillableMetricInput!) { createBillableMetric(input: $input) { id code aggregation fieldName } }`,
    { input: { name: input.code, ...input, tenantId } },
  );
  return dataOf(response).createBillableMetric as { id: string; code: string };
}

export interface ChargeSpec extends MetricInput {
  model: 'STANDARD' | 'GRADUATED' | 'VOLUME' | 'PACKAGE' | 'PERCENTAGE';
  properties: Record<string, unknown>;
  freeUnits?: string;
}

/**
 * A plan of `tenantId` with one charge per spec, each on a new metric whose code is the spec's code
 * plus a unique suffix (tenants are shared by the tests of a file); returns the plan and the codes.
 */
export async function createMeteredPlan(
  superToken: string,
  tenantId: string,
  specs: ChargeSpec[],
  plan: PlanInput = {},
) {
  const suffix = randomUUID().slice(0, 8);
  const codes: Record<string, string> = {};
  const charges = [];
  for (const { model, properties, freeUnits, ...metric } of specs) {
    const created = await createMetric(superToken, tenantId, { ...metric, code: `${metric.code}_${suffix}` });
    codes[metric.code] = created.code;
    charges.push({ billableMetricId: created.id, model, properties, ...(freeUnits ? { freeUnits } : {}) });
  }
  const created = await createPlan(superToken, tenantId, { ...plan, charges });
  return { plan: created, codes };
}
