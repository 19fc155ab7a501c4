import { runReadiness } from '@codex/kit/health';
import type { SubgraphName } from '@codex/kit/services';

const readinessUrl = (graphqlUrl: string) => new URL('/health/ready', graphqlUrl).toString();

/** Asks every subgraph's /health/ready; reports each one's state, latency and version. */
export async function checkSubgraphs(subgraphUrls: Record<SubgraphName, string>, timeoutMs = 2000) {
  return runReadiness(
    Object.entries(subgraphUrls).map(([name, url]) => ({
      name,
      check: async () => {
        const response = await fetch(readinessUrl(url), { signal: AbortSignal.timeout(timeoutMs) });
        const body = (await response.json().catch(() => ({}))) as { version?: string };
        if (!response.ok) throw new Error(`readiness answered ${response.status}`);
        return { url, version: body.version ?? null };
      },
    })),
    timeoutMs,
  );
}
