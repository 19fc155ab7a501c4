import type { CheckResult } from '@codex/kit/health';
import type { SubgraphName } from '@codex/kit/services';
import { checkSubgraphs } from '../subgraph-health.ts';

export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN';

export interface ServiceHealth {
  name: string;
  status: HealthStatus;
  latencyMs: number;
  version: string | null;
  url: string | null;
  error: string | null;
}

export interface PlatformHealth {
  status: HealthStatus;
  checkedAt: Date;
  gateway: ServiceHealth;
  subgraphs: ServiceHealth[];
}

/** Whole-platform state: UP when every subgraph is ready, DOWN when none is, DEGRADED between. */
export function overallStatus(subgraphs: { status: HealthStatus }[]): HealthStatus {
  const up = subgraphs.filter((subgraph) => subgraph.status === 'UP').length;
  return up === subgraphs.length ? 'UP' : up === 0 ? 'DOWN' : 'DEGRADED';
}

const serviceHealth = (name: string, check: CheckResult): ServiceHealth => ({
  name,
  status: check.status === 'up' ? 'UP' : 'DOWN',
  latencyMs: check.latencyMs,
  version: typeof check.version === 'string' ? check.version : null,
  url: typeof check.url === 'string' ? check.url : null,
  error: check.error ?? null,
});

/** Asks every subgraph's readiness (in parallel, each bounded by a timeout) and sums it up. */
export async function checkPlatform(
  subgraphUrls: Record<SubgraphName, string>,
  gatewayVersion: string,
): Promise<PlatformHealth> {
  const { checks } = await checkSubgraphs(subgraphUrls);
  const subgraphs = Object.entries(checks).map(([name, check]) => serviceHealth(name, check));
  return {
    status: overallStatus(subgraphs),
    checkedAt: new Date(),
    gateway: { name: 'gateway', status: 'UP', latencyMs: 0, version: gatewayVersion, url: null, error: null },
    subgraphs,
  };
}
