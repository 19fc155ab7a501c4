import { Prisma, type BillableMetric, type MetricAggregation } from './db.ts';
import type { WindowUsage } from './charge-models.ts';
import type { BillingTx } from './request.ts';

const { Decimal } = Prisma;

/** Each aggregation in SQL over the events of one window (constants, never input). */
const aggregateSql: Record<MetricAggregation, string> = {
  COUNT: 'count(*)',
  SUM: 'coalesce(sum(value), 0)',
  MAX: 'coalesce(max(value), 0)',
  UNIQUE_COUNT: 'count(DISTINCT unique_value)',
  LATEST: 'coalesce((array_agg(value ORDER BY occurred_at DESC, created_at DESC))[1], 0)',
};

/**
 * One metric's usage of a subscription in [from, to), computed by PostgreSQL over the index
 * (subscription_id, billable_metric_id, occurred_at). `withEvents` also returns each event's value
 * in time order (PERCENTAGE prices events one by one).
 */
export async function windowUsage(
  tx: BillingTx,
  subscriptionId: string,
  metric: Pick<BillableMetric, 'id' | 'aggregation'>,
  window: { from: Date; to: Date },
  withEvents = false,
): Promise<WindowUsage> {
  const events = withEvents ? ', array_agg(value ORDER BY occurred_at, id)::text[] AS events' : '';
  const [row] = await tx.$queryRawUnsafe<{ aggregate: string; events?: (string | null)[] | null }[]>(
    `SELECT (${aggregateSql[metric.aggregation]})::text AS aggregate${events}
       FROM usage_events
      WHERE subscription_id = $1::uuid AND billable_metric_id = $2::uuid AND occurred_at >= $3 AND occurred_at < $4`,
    subscriptionId,
    metric.id,
    window.from,
    window.to,
  );
  return {
    aggregate: new Decimal(row?.aggregate ?? 0),
    eventValues: row?.events?.map((value) => new Decimal(value ?? 0)),
  };
}
