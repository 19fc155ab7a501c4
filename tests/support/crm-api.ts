import { randomUUID } from 'node:crypto';
import { bearer } from './actors.ts';
import { graphql, type GraphQLResponse, type AnswerJson } from './graphql.ts';

/** CRM operations through the gateway as one caller, for the crm-* suites. */
export const as =
  (token: string) =>
  (query: string, variables: Record<string, unknown> = {}) =>
    graphql(query, variables, { headers: bearer(token) });
export type Caller = ReturnType<typeof as>;

/** The data of an answer that must have succeeded; fails with the errors otherwise. */
export function ok<T = AnswerJson>(response: GraphQLResponse): T {
  if (response.body.errors?.length || !response.body.data)
    throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data as T;
}

/** The first error's extensions (code, field). */
export const failure = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions ?? null;

export const customerFields = /* GraphQL */ `id tenantId email firstName lastName company phone address status source tags customFields createdById createdAt updatedAt`;

export async function createCustomer(
  caller: Caller,
  input: Record<string, unknown> = {},
): Promise<Record<string, AnswerJson>> {
  const unique = randomUUID().slice(0, 8);
  const data = ok(
    await caller(`mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { ${customerFields} } }`, {
      input: { email: `c-${unique}@example.test`, firstName: 'Ada', lastName: `Lovelace ${unique}`, ...input },
    }),
  );
  return data.createCustomer;
}

export const pipelineFields = /* GraphQL */ `id tenantId name isDefault stages { id name position probability }`;

export async function createPipeline(
  caller: Caller,
  input: Record<string, unknown> = {},
): Promise<Record<string, AnswerJson>> {
  const data = ok(
    await caller(`mutation P($input: CreatePipelineInput!) { createPipeline(input: $input) { ${pipelineFields} } }`, {
      input: {
        name: `Pipeline ${randomUUID().slice(0, 8)}`,
        stages: [
          { name: 'New', probability: 10 },
          { name: 'Qualified', probability: 40 },
          { name: 'Proposal', probability: 70 },
        ],
        ...input,
      },
    }),
  );
  return data.createPipeline;
}

export const leadFields = /* GraphQL */ `id tenantId title value currency probability status lostReason closedAt expectedCloseDate source createdById
  pipeline { id } stage { id name } customer { id } assignee { id }`;

export async function createLead(
  caller: Caller,
  input: Record<string, unknown> = {},
): Promise<Record<string, AnswerJson>> {
  const data = ok(
    await caller(`mutation L($input: CreateLeadInput!) { createLead(input: $input) { ${leadFields} } }`, {
      input: { title: 'A deal', ...input },
    }),
  );
  return data.createLead;
}

export const interactionFields = /* GraphQL */ `id tenantId type subject body scheduledAt completedAt createdById user { id } customer { id } lead { id }`;

/** The actions of a tenant's CRM audit trail for one entity, oldest first. */
export async function auditActions(adminCaller: Caller, entityId: string): Promise<string[]> {
  const data = ok(
    await adminCaller(`query A($id: ID) { crmAuditLog(first: 100, entityId: $id) { edges { node { action } } } }`, {
      id: entityId,
    }),
  );
  return data.crmAuditLog.edges.map((edge: { node: { action: string } }) => edge.node.action);
}
