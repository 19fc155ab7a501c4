import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { demoUsers, subgraphNames, type RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, login, superadminToken } from './support/actors.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { startOwnGateway } from './support/own-gateway.ts';
import { freePort, graphqlUrlOf } from './support/service-control.ts';

const platformHealth = /* GraphQL */ `
  query PlatformHealth {
    platformHealth { status checkedAt gateway { name status version } subgraphs { name status latencyMs version url error } }
  }
`;

let superToken: string;
beforeAll(async () => {
  superToken = await superadminToken();
});

describe('platformHealth (SUPERADMIN)', () => {
  it('reports the gateway and every subgraph up, with latency and version', async () => {
    const { body } = await graphql(platformHealth, {}, { headers: bearer(superToken) });
    expect(body.errors).toBeUndefined();
    const health = body.data?.platformHealth;
    expect(health.status).toBe('UP');
    expect(health.gateway).toMatchObject({ name: 'gateway', status: 'UP', version: expect.any(String) });
    expect(health.subgraphs.map((subgraph: { name: string }) => subgraph.name).sort()).toEqual(
      [...subgraphNames].sort(),
    );
    for (const subgraph of health.subgraphs)
      expect(subgraph).toMatchObject({
        status: 'UP',
        latencyMs: expect.any(Number),
        version: expect.any(String),
        error: null,
      });
  });

  it('is refused to ADMINs (FORBIDDEN) and to anonymous callers (UNAUTHENTICATED)', async () => {
    const adminToken = await login(demoUsers.admin.email, demoUsers.admin.password);
    expect(errorCode((await graphql(platformHealth, {}, { headers: bearer(adminToken) })).body)).toBe('FORBIDDEN');
    expect(errorCode((await graphql(platformHealth)).body)).toBe('UNAUTHENTICATED');
  });

  describe('with a subgraph down', () => {
    let gateway: RunningServer;
    beforeAll(async () => {
      gateway = await startOwnGateway({}, { billing: graphqlUrlOf(await freePort()) });
    });
    afterAll(() => gateway?.stop());

    it('reports DEGRADED, the subgraph DOWN with the reason, the others UP', async () => {
      const { body } = await graphql(platformHealth, {}, { url: gateway.url, headers: bearer(superToken) });
      const health = body.data?.platformHealth;
      expect(health.status).toBe('DEGRADED');
      const billing = health.subgraphs.find((subgraph: { name: string }) => subgraph.name === 'billing');
      expect(billing).toMatchObject({ status: 'DOWN', error: expect.any(String) });
      expect(health.subgraphs.filter((subgraph: { status: string }) => subgraph.status === 'UP')).toHaveLength(
        subgraphNames.length - 1,
      );
      const ready = await fetch(new URL('/health/ready', gateway.url));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'degraded', subgraphs: { billing: { status: 'down' } } });
    });
  });
});

describe('npm run status', () => {
  const run = promisify(execFile);
  it('prints every service with its state and exits 0 when all are up', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'gateway/src/status-cli.ts'], {
      env: { ...process.env, GATEWAY_URL: new URL(inject('gatewayUrl')).origin },
    });
    for (const name of ['gateway', ...subgraphNames]) expect(stdout).toMatch(new RegExp(`^${name}\\s+up\\s`, 'm'));
    expect(stdout).toContain('platform: up');
  });
});
