import { subgraphNames } from '@codex/kit';
import { describe, expect, inject, it } from 'vitest';

const gatewayOrigin = () => new URL(inject('gatewayUrl')).origin;

describe('health', () => {
  it('the gateway answers liveness on GET /health', async () => {
    const response = await fetch(`${gatewayOrigin()}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'up', service: 'gateway' });
  });

  it('the gateway readiness lists every subgraph with its state, latency and version', async () => {
    const response = await fetch(`${gatewayOrigin()}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; subgraphs: Record<string, Record<string, unknown>> };
    expect(body.status).toBe('up');
    expect(Object.keys(body.subgraphs).sort()).toEqual([...subgraphNames].sort());
    for (const name of subgraphNames) {
      expect(body.subgraphs[name]).toMatchObject({
        status: 'up',
        latencyMs: expect.any(Number),
        version: expect.any(String),
      });
    }
  });

  it.each(subgraphNames)('the %s subgraph reports its database reachable and its migrations applied', async (name) => {
    const response = await fetch(new URL('/health/ready', inject('subgraphUrls')[name]));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      service: name,
      status: 'up',
      checks: { database: { status: 'up' }, migrations: { status: 'up', applied: expect.any(Number) } },
    });
  });
});
