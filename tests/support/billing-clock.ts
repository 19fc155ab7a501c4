import { randomUUID } from 'node:crypto';
import { createLogger } from '@codex/kit';
import { createBillingDatabase } from '@codex/subgraph-billing';
import { inject } from 'vitest';
import { as, dataOf } from './billing-fixture.ts';

/**
 * The billing clock's work run in the test process against the test platform's billing database
 * (the services' role, row-level security on), as of times the test chooses: the platform's own
 * cron tick is off (global-setup), so only the test moves billing time. A second client stands
 * for a second replica.
 */
export function clockDatabases() {
  const url = inject('databaseUrls').billing;
  const replicas = [createBillingDatabase(url), createBillingDatabase(url)] as const;
  const logger = createLogger({ service: 'test-billing-clock', level: 'silent' });
  return {
    deps: { db: replicas[0], logger },
    secondReplica: { db: replicas[1], logger },
    disconnect: () => Promise.all(replicas.map((db) => db.$disconnect())),
  };
}

export const at = (iso: string) => new Date(iso);

/** A billable metric of `tenantId`, created by the SUPERADMIN. */
export async function createMetric(
  superToken: string,
  tenantId: string,
  aggregation: 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE_COUNT' | 'LATEST',
  fieldName: string | null = null,
) {
  const code = `m_${randomUUID().slice(0, 8)}`;
  const response = await as(
    superToken,
    /* GraphQL */ `mutation ($input: CreateBillableMetricInput!) { createBillableMetric(input: $input) { id code } }`,
    { input: { tenantId, code, name: code, aggregation, fieldName } },
  );
  return dataOf(response).createBillableMetric as { id: string; code: string };
}

/** Usage events of one subscription, recorded at once by the tenant's ADMIN. */
export async function recordEvents(
  adminToken: string,
  subscriptionId: string,
  events: { metric: string; occurredAt: string; properties?: Record<string, unknown> }[],
) {
  const response = await as(
    adminToken,
    /* GraphQL */ `mutation ($events: [RecordUsageInput!]!) { recordUsageEvents(events: $events) { id } }`,
    { events: events.map((event) => ({ ...event, subscriptionId, idempotencyKey: randomUUID() })) },
  );
  return dataOf(response).recordUsageEvents as { id: string }[];
}

/** `count` events of `metric` spread over the hours from `from`. */
export const eventsOf = (metric: string, from: string, count: number, properties?: Record<string, unknown>) =>
  Array.from({ length: count }, (_, hour) => ({
    metric,
    occurredAt: new Date(at(from).getTime() + hour * 3_600_000).toISOString(),
    ...(properties ? { properties } : {}),
  }));
