import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, demoTenant, type RunningServer } from '@codex/kit';
import {
  ensureAppRole,
  ensureDatabases,
  startEmbeddedPostgres,
  waitUntilReady,
  type EmbeddedCluster,
  type ServiceProcess,
} from '@codex/platform';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, superadminToken } from './support/actors.ts';
import { eventually } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { startOwnGateway } from './support/own-gateway.ts';
import {
  freePort,
  graphqlUrlOf,
  spawnGateway,
  startHungServer,
  startSlowProxy,
  startSubgraph,
} from './support/service-control.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

/**
 * The gateway under failing subgraphs: a gateway of this file's own whose CRM is a process (or a
 * hung server) the test controls; the other subgraphs are the shared ones.
 */
let superToken: string;
beforeAll(async () => {
  superToken = await superadminToken();
});

const summary = /* GraphQL */ `
  query Summary($id: ID!) { tenant(id: $id) { id slug users { total } crm { totalCustomers } billing { openInvoices } } }
`;
const askSummary = (gateway: RunningServer) =>
  graphql(summary, { id: demoTenant.id }, { url: gateway.url, headers: bearer(superToken) });

/** CRM's part is null with an error naming CRM; every other part answers. */
function expectCrmMissing(response: Awaited<ReturnType<typeof askSummary>>) {
  expect(response.status).toBe(200);
  expect(response.body.data?.tenant).toMatchObject({ slug: 'demo', crm: null });
  expect(response.body.data?.tenant.users.total).toBeGreaterThan(0);
  expect(response.body.data?.tenant.billing).not.toBeNull();
  expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'crm' });
}

describe('a subgraph that goes away and comes back', () => {
  let crmPort: number;
  let crm: ServiceProcess | undefined;
  let gateway: RunningServer;

  beforeAll(async () => {
    crmPort = await freePort();
    // CRM is not running yet: the gateway must start all the same.
    gateway = await startOwnGateway({}, { crm: graphqlUrlOf(crmPort) });
  });
  afterAll(async () => {
    await crm?.stop();
    await gateway?.stop();
  });

  it('the gateway starts while CRM is down and answers everything but CRM', async () => {
    expectCrmMissing(await askSummary(gateway));
  });

  it('serves CRM again once it is up, without a gateway restart', async () => {
    crm = await startSubgraph('crm', crmPort);
    const { body } = await askSummary(gateway);
    expect(body.errors).toBeUndefined();
    expect(body.data?.tenant.crm.totalCustomers).toBeGreaterThan(0);
  });

  it('keeps answering a run of queries while CRM is killed, and recovers when it restarts', async () => {
    const outcomes: ('complete' | 'crm missing' | 'failed')[] = [];
    const run = (async () => {
      for (let i = 0; i < 40; i += 1) {
        const response = await askSummary(gateway);
        const tenant = response.body.data?.tenant;
        outcomes.push(tenant?.crm ? 'complete' : tenant?.users ? 'crm missing' : 'failed');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    crm!.child.kill('SIGKILL');
    await crm!.exited;
    await run;
    expect(outcomes).not.toContain('failed');
    expect(outcomes).toContain('complete');
    expect(outcomes.at(-1)).toBe('crm missing');
    expectCrmMissing(await askSummary(gateway));

    crm = await startSubgraph('crm', crmPort);
    await eventually(async () => {
      const { body } = await askSummary(gateway);
      expect(body.data?.tenant.crm).not.toBeNull();
    });
  });
});

describe('a subgraph that hangs', () => {
  let hung: Awaited<ReturnType<typeof startHungServer>>;
  let gateway: RunningServer;
  beforeAll(async () => {
    hung = await startHungServer();
    gateway = await startOwnGateway({ SUBGRAPH_TIMEOUT_MS: '1000' }, { crm: hung.url });
  });
  afterAll(async () => {
    await gateway?.stop();
    await hung?.stop();
  });

  it('times out alone: the answer comes after the subgraph timeout with the other parts', async () => {
    const started = performance.now();
    const response = await askSummary(gateway);
    const elapsed = performance.now() - started;
    expectCrmMissing(response);
    expect(response.body.errors?.[0]?.message).toMatch(/within 1000 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });
});

describe('the database of a subgraph goes away and comes back', () => {
  let clusterDir: string;
  let cluster: EmbeddedCluster;
  let crm: ServiceProcess | undefined;
  let crmPort: number;
  const tenantId = randomUUID();
  const admin = identityOf('ADMIN', tenantId);
  const logger = createLogger({ service: 'test-postgres', level: 'warn' });

  const startCluster = async (port: number) => {
    cluster = await startEmbeddedPostgres({ clusterDir, port, logger });
  };
  const readiness = async () => (await fetch(`http://127.0.0.1:${crmPort}/health/ready`)).status;
  const createCustomer = (i: number) =>
    subgraphRequest(
      'crm',
      /* GraphQL */ `mutation Create($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
      {
        url: graphqlUrlOf(crmPort),
        identity: admin,
        variables: {
          input: { email: `kept-${i}@example.test`, firstName: 'Kept', lastName: `Customer ${i}`, company: 'Durable' },
        },
      },
    );

  beforeAll(async () => {
    clusterDir = await mkdtemp(path.join(tmpdir(), 'codex-test-outage-'));
    await startCluster(await freePort());
    await ensureAppRole(cluster.adminUrl(), cluster.appRole);
    await ensureDatabases(cluster.adminUrl(), ['codex_crm'], cluster.appRole.name);
    crmPort = await freePort();
    crm = await startSubgraph('crm', crmPort, { CRM_DATABASE_URL: cluster.appUrl('codex_crm') });
  }, 120_000);
  afterAll(async () => {
    await crm?.stop();
    await cluster?.stop();
    await rm(clusterDir, { recursive: true, force: true });
  });

  it('readiness fails while PostgreSQL is down and recovers by itself; acknowledged writes survive', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { body } = await createCustomer(i);
      expect(body.errors).toBeUndefined();
      acknowledged.push(body.data.createCustomer.id);
    }
    expect(await readiness()).toBe(200);

    const port = Number(new URL(cluster.adminUrl()).port);
    await cluster.stop();
    await eventually(async () => expect(await readiness()).toBe(503));
    const duringOutage = await createCustomer(99);
    expect(duringOutage.body.data?.createCustomer ?? null).toBeNull();
    expect(duringOutage.body.errors?.length).toBeGreaterThan(0);
    expect(crm!.child.exitCode).toBeNull();

    await startCluster(port);
    await eventually(async () => expect(await readiness()).toBe(200), 15_000);
    const { body } = await subgraphRequest(
      'crm',
      /* GraphQL */ `query { customers(first: 100) { totalCount edges { node { id } } } }`,
      {
        url: graphqlUrlOf(crmPort),
        identity: admin,
      },
    );
    expect(body.data.customers.edges.map((edge: { node: { id: string } }) => edge.node.id).sort()).toEqual(
      [...acknowledged].sort(),
    );
  });
});

describe('SIGTERM', () => {
  it('drains the requests in flight before the gateway exits', async () => {
    const slowCrm = await startSlowProxy(inject('subgraphUrls').crm, 1500);
    const port = await freePort();
    const gateway = spawnGateway(port, { crm: slowCrm.url });
    try {
      await waitUntilReady(`http://127.0.0.1:${port}/health`, gateway, 60_000);
      const inFlight = graphql(
        summary,
        { id: demoTenant.id },
        { url: `http://127.0.0.1:${port}/graphql`, headers: bearer(superToken) },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      gateway.child.kill('SIGTERM');
      const { status, body } = await inFlight;
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.tenant.crm.totalCustomers).toBeGreaterThan(0);
      expect(await gateway.exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    } finally {
      await gateway.stop();
      await slowCrm.stop();
    }
  });
});
