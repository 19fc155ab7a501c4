import { randomUUID } from 'node:crypto';
import type { Identity } from '@codex/kit';
import type { ServiceProcess } from '@codex/platform';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { startCrmProxy } from './support/billing-crm-proxy.ts';
import { as, createPipeline } from './support/crm-api.ts';
import { connectDatabases } from './support/databases.ts';
import { freePort, graphqlUrlOf, startSubgraph } from './support/service-control.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

/**
 * CRM asks Auth whether a lead's assignee is a user of the lead's tenant. This file runs a CRM
 * subgraph of its own whose AUTH_SUBGRAPH_URL is a recording proxy in front of the real Auth (the
 * billing tests' proxy forwards to any subgraph), to count what CRM asks and to play an Auth that
 * is down.
 */
const db = connectDatabases();
let proxy: Awaited<ReturnType<typeof startCrmProxy>>;
let crm: ServiceProcess;
let crmUrl: string;
let tenant: TenantActors;
let adminIdentity: Identity;

beforeAll(async () => {
  proxy = await startCrmProxy(inject('subgraphUrls').auth);
  const port = await freePort();
  crm = await startSubgraph('crm', port, { AUTH_SUBGRAPH_URL: proxy.url });
  crmUrl = graphqlUrlOf(port);
  tenant = await createTenantWithUsers(await superadminToken(), 'crm-assignee');
  await createPipeline(as(tenant.admin.token));
  adminIdentity = { ...identityOf('ADMIN', tenant.tenant.id), subjectId: tenant.admin.id };
}, 90_000);
afterAll(async () => {
  await crm?.stop();
  await proxy?.stop();
  await db.disconnect();
});
beforeEach(() => {
  proxy.state.mode = 'forward';
  proxy.requests.length = 0;
});

const createLead = (input: Record<string, unknown>) =>
  subgraphRequest(
    'crm',
    /* GraphQL */ `mutation ($input: CreateLeadInput!) { createLead(input: $input) { id assignee { id } } }`,
    { url: crmUrl, identity: adminIdentity, variables: { input } },
  );

describe('the assignee check through Auth', () => {
  it('asks Auth once for a lead with an assignee, never for one without', async () => {
    const assigned = await createLead({ title: `check-${randomUUID()}`, assigneeId: tenant.client.id });
    expect(assigned.body.errors).toBeUndefined();
    expect(assigned.body.data.createLead.assignee).toEqual({ id: tenant.client.id });
    expect(proxy.requests).toHaveLength(1);
    expect(JSON.parse(proxy.requests[0]!.body).variables.representations).toEqual([
      { __typename: 'User', id: tenant.client.id },
    ]);
    const unassigned = await createLead({ title: `check-${randomUUID()}` });
    expect(unassigned.body.errors).toBeUndefined();
    expect(proxy.requests).toHaveLength(1);
  });

  it('is SERVICE_UNAVAILABLE when Auth cannot answer, and writes nothing', async () => {
    proxy.state.mode = 'down';
    const title = `auth-down-${randomUUID()}`;
    const { body } = await createLead({ title, assigneeId: tenant.client.id });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'auth' });
    expect(await db.crm.lead.count({ where: { title } })).toBe(0);
  });
});
