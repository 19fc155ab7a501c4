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

function percentageFigures(row: NonNullable<WindowUsageRow['percentage']>): PercentageFigures {
  const { events, paid_events, units, amount } = row;
  return {
    events: Number(events),
    paidEvents: Number(paid_events),
    units: new Decimal(units),
    amount: new Decimal(amount),
  };
}

/** A charge as `planWindowUsage` reads it: its metric and, for PERCENTAGE, what prices each event. */
export interface UsageCharge {
  metric: Pick<BillableMetric, 'id' | 'aggregation'>;
  percentage?: {
    freeUnits: string;
    rate: string;
    fixedAmount: string;
    perEventMin: string | null;
    perEventMax: string | null;
  };
}

/** A row as `windowUsage` reads it; `percentage` when PostgreSQL priced a PERCENTAGE charge's events. */
export interface WindowUsageRow {
  aggregate: string;
  events?: (string | null)[] | null;
  percentage?: { events: string; paid_events: string; units: string; amount: string };
}

const windowFilter = (metric: string) =>
  `subscription_id = $1::uuid AND billable_metric_id = ${metric}::uuid AND occurred_at >= $2 AND occurred_at < $3`;

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

/** One charge's part of `planWindowUsage`: its metric id is parameter `metric`, its figures follow. */
function chargeSql(charge: UsageCharge, metric: string, p: string[]) {
  const filter = windowFilter(metric);
  if (charge.percentage) return percentageSql(`usage_events WHERE ${filter}`, charge.metric.aggregation, p);
  // The latest event by the index backwards, not an aggregate of the whole window.
  const aggregate =
    charge.metric.aggregation === 'LATEST'
      ? `coalesce((SELECT value FROM usage_events WHERE ${filter} ORDER BY occurred_at DESC, created_at DESC LIMIT 1), 0)`
      : `(SELECT ${aggregateSql[charge.metric.aggregation]} FROM usage_events WHERE ${filter})`;
  return `SELECT (${aggregate})::text AS aggregate, NULL::json AS percentage`;
}

/**
 * Every charge's usage of a subscription in [from, to) in ONE statement (one round trip; PERCENTAGE
 * priced in PostgreSQL, so no event travels to Node): rows as `windowUsage` reads them, by metric id.
 */
export async function planWindowUsage(
  tx: BillingTx,
  subscriptionId: string,
  charges: readonly UsageCharge[],
  window: { from: Date; to: Date },
): Promise<Map<string, WindowUsageRow>> {
  if (charges.length === 0) return new Map();
  const params: unknown[] = [subscriptionId, window.from, window.to];
  const param = (value: unknown) => `$${params.push(value)}`;
  const parts = charges.map((charge, index) => {
    const metric = param(charge.metric.id);
    const { percentage } = charge;
    const p = percentage
      ? [
          percentage.freeUnits,
          percentage.rate,
          percentage.fixedAmount,
          percentage.perEventMin,
          percentage.perEventMax,
        ].map(param)
      : [];
    return `SELECT ${index} AS i, c.* FROM (${chargeSql(charge, metric, p)}) AS c`;
  });
  const rows = await tx.$queryRawUnsafe<(WindowUsageRow & { i: number })[]>(parts.join('\nUNION ALL\n'), ...params);
  return new Map(
    rows.map(({ i, aggregate, percentage }) => [
      charges[i]?.metric.id ?? '',
      { aggregate, ...(percentage ? { percentage } : {}) },
    ]),
  );
}

/**
 * The transaction, with `windowUsage`'s queries for this subscription and window answered from
 * `planWindowUsage`'s rows (so `draftInvoice` prices with its own code); anything else goes through.
 */
export function answeringWindowUsage(
  tx: BillingTx,
  subscriptionId: string,
  window: { from: Date; to: Date },
  rows: Map<string, WindowUsageRow>,
): BillingTx {
  const query = (sql: string, ...args: unknown[]) => {
    const [subscription, metricId, from, to] = args;
    const row =
      subscription === subscriptionId &&
      from instanceof Date &&
      to instanceof Date &&
      from.getTime() === window.from.getTime() &&
      to.getTime() === window.to.getTime()
        ? rows.get(String(metricId))
        : undefined;
    const answers = row && (row.percentage || !sql.includes('AS events'));
    return answers ? Promise.resolve([row]) : tx.$queryRawUnsafe(sql, ...args);
  };
  return new Proxy(tx, { get: (target, key) => (key === '$queryRawUnsafe' ? query : Reflect.get(target, key)) });
}
