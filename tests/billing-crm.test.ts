import { randomUUID } from 'node:crypto';
import { gatewayKey, gatewayTokenHeader, signGatewayToken, verifyGatewayToken, type Identity } from '@codex/kit';
import type { ServiceProcess } from '@codex/platform';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { startCrmProxy } from './support/billing-crm-proxy.ts';
import { createCrmCustomer, createPlan, subscribeMutation } from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { freePort, graphqlUrlOf, startSubgraph } from './support/service-control.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

/**
 * Billing asks CRM whether a customer exists before subscribing it. This file runs a billing
 * subgraph of its own whose CRM_SUBGRAPH_URL is a proxy in front of the real CRM, to see what
 * billing sends and to play a CRM that is down or hung.
 */
const db = connectDatabases();
let proxy: Awaited<ReturnType<typeof startCrmProxy>>;
let billing: ServiceProcess;
let billingUrl: string;
let a: TenantActors;
let planId: string;

beforeAll(async () => {
  proxy = await startCrmProxy(inject('subgraphUrls').crm);
  const port = await freePort();
  billing = await startSubgraph('billing', port, { CRM_SUBGRAPH_URL: proxy.url });
  billingUrl = graphqlUrlOf(port);
  const superToken = await superadminToken();
  a = await createTenantWithUsers(superToken, 'bill-crm');
  planId = (await createPlan(superToken, a.tenant.id)).id;
  adminIdentity = { ...identityOf('ADMIN', a.tenant.id), subjectId: a.admin.id };
}, 90_000);
afterAll(async () => {
  await billing?.stop();
  await proxy?.stop();
  await db.disconnect();
});
beforeEach(() => {
  proxy.state.mode = 'forward';
  proxy.requests.length = 0;
});

let adminIdentity: Identity;

/** subscribeCustomer sent straight to this file's billing, signed like the gateway with a known request id. */
async function subscribeDirectly(customerId: string, requestId: string = randomUUID()) {
  const token = await signGatewayToken(gatewayKey(inject('gatewaySecret')), {
    requestId,
    clientIp: '203.0.113.7',
    userAgent: 'billing-test',
    identity: adminIdentity,
  });
  return subgraphRequest('billing', subscribeMutation, {
    url: billingUrl,
    token,
    variables: { input: { customerId, planId } },
  });
}

describe('the customer check through CRM', () => {
  it('asks CRM as the caller: signed like the gateway, with the same request id, address and identity', async () => {
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const requestId = `billing-test-${randomUUID()}`;
    const { body } = await subscribeDirectly(customerId, requestId);
    expect(body.errors).toBeUndefined();
    expect(body.data.subscribeCustomer.customer).toEqual({ id: customerId });
    expect(proxy.requests).toHaveLength(1);
    const [sent] = proxy.requests;
    expect(sent!.headers['x-request-id']).toBe(requestId);
    const forwarded = verifyGatewayToken(
      gatewayKey(inject('gatewaySecret')),
      String(sent!.headers[gatewayTokenHeader]),
    );
    expect(forwarded).toEqual({
      requestId,
      clientIp: '203.0.113.7',
      userAgent: 'billing-test',
      identity: adminIdentity,
    });
    expect(JSON.parse(sent!.body).variables).toEqual({ representations: [{ __typename: 'Customer', id: customerId }] });
  });

  it('copies nothing of the customer into billing: only its id', async () => {
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const { body } = await subscribeDirectly(customerId);
    const row = await db.billing.subscription.findUniqueOrThrow({ where: { id: body.data.subscribeCustomer.id } });
    expect(JSON.stringify(row)).not.toContain('@example.test');
    expect(row.customerId).toBe(customerId);
  });

  it('refuses with SERVICE_UNAVAILABLE when CRM is down, creating nothing', async () => {
    const customerId = await createCrmCustomer(db, a.tenant.id);
    proxy.state.mode = 'down';
    const { body } = await subscribeDirectly(customerId);
    expect(errorCode(body)).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0]?.extensions?.serviceName).toBe('crm');
    expect(await db.billing.subscription.count({ where: { customerId } })).toBe(0);
  });

  it('gives up on a CRM that does not answer (SERVICE_UNAVAILABLE after the timeout), creating nothing', async () => {
    const customerId = await createCrmCustomer(db, a.tenant.id);
    proxy.state.mode = 'hang';
    const { body } = await subscribeDirectly(customerId);
    expect(errorCode(body)).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toMatch(/did not answer/);
    expect(await db.billing.subscription.count({ where: { customerId } })).toBe(0);
  });
});
