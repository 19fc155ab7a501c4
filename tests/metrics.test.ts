import { describe, expect, inject, it } from 'vitest';
import { bearer, login } from './support/actors.ts';
import { graphql } from './support/graphql.ts';
import { demoUsers } from '@codex/kit';
import { scrapeMetrics } from './support/metrics.ts';

const metricsOf = async (graphqlUrl: string) => (await scrapeMetrics(graphqlUrl)).text();

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(metrics: string, name: string, labels: Record<string, string>): number {
  const line = metrics
    .split('\n')
    .find(
      (entry) =>
        entry.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => entry.includes(`${key}="${value}"`)),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('Prometheus metrics', () => {
  it('the gateway counts operations by name and outcome, errors by code and subgraph fetches', async () => {
    const token = await login(demoUsers.client.email, demoUsers.client.password);
    const before = await metricsOf(inject('gatewayUrl'));
    await graphql(/* GraphQL */ `query MetricsProbe { me { id } }`, {}, { headers: bearer(token) });
    await graphql(/* GraphQL */ `query MetricsDenied { tenants { totalCount } }`, {}, { headers: bearer(token) });
    const after = await metricsOf(inject('gatewayUrl'));

    const count = (metrics: string, operation: string, outcome: string) =>
      sample(metrics, 'codex_graphql_request_duration_seconds_count', { operation, outcome });
    expect(count(after, 'MetricsProbe', 'ok') - count(before, 'MetricsProbe', 'ok')).toBe(1);
    expect(count(after, 'MetricsDenied', 'error') - count(before, 'MetricsDenied', 'error')).toBe(1);
    expect(sample(after, 'codex_graphql_errors_total', { code: 'FORBIDDEN' })).toBeGreaterThan(
      sample(before, 'codex_graphql_errors_total', { code: 'FORBIDDEN' }),
    );
    expect(
      sample(after, 'codex_subgraph_fetch_duration_seconds_count', { subgraph: 'auth', outcome: '2xx' }),
    ).toBeGreaterThan(
      sample(before, 'codex_subgraph_fetch_duration_seconds_count', { subgraph: 'auth', outcome: '2xx' }),
    );
  });

  it('every subgraph reports its operations, SQL statements and database pool', async () => {
    for (const [name, url] of Object.entries(inject('subgraphUrls'))) {
      const metrics = await metricsOf(url);
      expect(metrics, name).toContain('codex_db_statement_duration_seconds_count');
      expect(metrics, name).toContain('codex_db_pool_connections');
      expect(metrics, name).toContain('codex_graphql_request_duration_seconds');
      expect(metrics, name).toContain('process_cpu_seconds_total');
    }
  });

  it('/metrics answers only the gateway signature or the METRICS_TOKEN bearer; health stays open', async () => {
    for (const url of [inject('gatewayUrl'), ...Object.values(inject('subgraphUrls'))]) {
      const metricsUrl = url.replace(/\/graphql$/, '/metrics');
      expect((await fetch(metricsUrl)).status, url).toBe(401);
      expect((await scrapeMetrics(url, { bearer: 'not-the-token-0123456789abcdef0123456789' })).status, url).toBe(401);
      expect((await scrapeMetrics(url)).status, url).toBe(200);
      expect((await fetch(url.replace(/\/graphql$/, '/health'))).status, url).toBe(200);
    }
  });
});
