import { Prisma, type BillableMetric, type MetricAggregation } from './db.ts';
import type { PercentageFigures, WindowUsage } from './charge-models.ts';
import type { BillingTx } from './request.ts';

const { Decimal } = Prisma;

/** Each aggregation in SQL over the events of one window (constants, never input). */
const aggregateSql: Record<MetricAggregation, string> = {
  COUNT: 'count(*)',
  SUM: 'coalesce(sum(value), 0)',
  MAX: 'coalesce(max(value), 0)',
  UNIQUE_COUNT: 'count(DISTINCT unique_value)',
  LATEST: 'coalesce((array_agg(value ORDER BY occurred_at DESC, created_at DESC, id DESC))[1], 0)',
};

/**
 * The raw path: one metric's usage of a subscription in [from, to) over every event of the window,
 * no rollup. The rollup path (`usageFigures`, usage-figures.ts) is tested against it
 * (tests/billing-usage-hours.test.ts). `withEvents` also returns each event's value in time order
 * (PERCENTAGE prices events one by one).
 */
export async function windowUsage(
  tx: BillingTx,
  subscriptionId: string,
  metric: Pick<BillableMetric, 'id' | 'aggregation'>,
  window: { from: Date; to: Date },
  withEvents = false,
): Promise<WindowUsage> {
  const events = withEvents ? ', array_agg(value ORDER BY occurred_at, id)::text[] AS events' : '';
  const [row] = await tx.$queryRawUnsafe<WindowUsageRow[]>(
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
    percentage: row?.percentage && percentageFigures(row.percentage),
  };
}

export function percentageFigures(row: NonNullable<WindowUsageRow['percentage']>): PercentageFigures {
  const { events, paid_events, units, amount } = row;
  return {
    events: Number(events),
    paidEvents: Number(paid_events),
    units: new Decimal(units),
    amount: new Decimal(amount),
  };
}

/** A row as `windowUsage` reads it; `percentage` when PostgreSQL priced a PERCENTAGE charge's events. */
export interface WindowUsageRow {
  aggregate: string;
  events?: (string | null)[] | null;
  percentage?: { events: string; paid_events: string; units: string; amount: string };
}

/**
 * PERCENTAGE in SQL, the rules of `percentage` in charge-models.ts over `source` (a relation of
 * value, unique_value, occurred_at, created_at, id, with its WHERE clause): the running total `after` in (occurred_at, id) order;
 * an event is paid once `after` passes the free units, for the part past them (values are ≥ 0, so
 * `after` never falls), times the rate plus the fixed fee, held by greatest/least (NULL bounds are
 * ignored), all in numeric: exact. `p` names the parameters ($n) of free units, rate, fee, min, max.
 */
export function percentageSql(source: string, aggregation: MetricAggregation, p: string[]) {
  const [free, rate, fixed, low, high] = p.map((n) => `${n}::numeric`);
  const paid = `FILTER (WHERE after > ${free})`;
  const chargeable = `(after - greatest(after - v, ${free}))`;
  const fee = `least(greatest(${chargeable} * (${rate} / 100) + ${fixed}, ${low}), ${high})`;
  return `SELECT (${aggregateSql[aggregation]})::text AS aggregate, json_build_object(
            'events', count(*)::text, 'paid_events', (count(*) ${paid})::text,
            'units', coalesce(sum(${chargeable}) ${paid}, 0)::text, 'amount', coalesce(sum(${fee}) ${paid}, 0)::text
          ) AS percentage
     FROM (SELECT value, unique_value, occurred_at, created_at, coalesce(value, 0) AS v,
                  sum(coalesce(value, 0)) OVER (ORDER BY occurred_at, id ROWS UNBOUNDED PRECEDING) AS after
             FROM ${source}) AS e`;
}
