import type { MetricAggregation } from './db.ts';
import type { BillingTx } from './request.ts';
import type { WindowUsageRow } from './usage-aggregation.ts';

/**
 * Window usage over the hourly rollup (`usage_hours`, `usage_hour_values`, kept by a trigger on
 * `usage_events`): the whole UTC hours of a window come from the rollup, the partial hours at its
 * edges from the events. Many windows and metrics in one statement (upcomingInvoice: one
 * subscription's charges; the billing clock: a batch's), exactly the figures of the raw path
 * (`windowUsage`, usage-aggregation.ts; tests/billing-usage-hours.test.ts).
 */

/** One metric of one subscription over [from, to); `percentage` prices its events (PERCENTAGE charges). */
export interface UsageAsk {
  subscriptionId: string;
  metricId: string;
  window: { from: Date; to: Date };
  percentage?: PercentageAsk | undefined;
}

export interface PercentageAsk {
  freeUnits: string;
  rate: string;
  fixedAmount: string;
  perEventMin: string | null;
  perEventMax: string | null;
}

/** Every aggregation's figure and, when asked, the PERCENTAGE figures (as `percentageSql` gives them). */
export type UsageFigures = Record<MetricAggregation, string> & { percentage: WindowUsageRow['percentage'] | null };

const hourMs = 3_600_000;

/**
 * The window's whole hours [h1, h2); none (h1 = h2 = to) when it holds no whole hour, so that the
 * events of [from, h1) and [h2, to) are always exactly the ones the rollup does not hold.
 */
export function wholeHours({ from, to }: { from: Date; to: Date }, raw = false) {
  const h1 = Math.ceil(from.getTime() / hourMs) * hourMs;
  const h2 = Math.floor(to.getTime() / hourMs) * hourMs;
  return raw || h1 >= h2 ? { h1: to, h2: to } : { h1: new Date(h1), h2: new Date(h2) };
}

/** The rows of an ask's window as parts: whole hours from the rollup, edge events one by one (none unless `gate`). */
const partsSql = (hourColumns: string, eventColumns: string, gate = 'true') => `
  SELECT ${hourColumns} FROM usage_hours h
   WHERE ${gate} AND h.subscription_id = a.sid AND h.billable_metric_id = a.mid AND h.hour >= a.h1 AND h.hour < a.h2
  UNION ALL
  SELECT ${eventColumns} FROM usage_events e
   WHERE ${gate} AND e.subscription_id = a.sid AND e.billable_metric_id = a.mid AND e.occurred_at >= a.from_at AND e.occurred_at < a.h1
  UNION ALL
  SELECT ${eventColumns} FROM usage_events e
   WHERE ${gate} AND e.subscription_id = a.sid AND e.billable_metric_id = a.mid AND e.occurred_at >= a.h2 AND e.occurred_at < a.to_at`;

/**
 * Each aggregation as the raw path computes it: parts add up (COUNT, SUM), merge (MAX, the latest
 * by (occurred_at, created_at, id)), and UNIQUE_COUNT counts the union of the hours' value sets and
 * the edge events' values (the value rows sort last for LATEST: no time).
 */
const figuresSql = `
  SELECT coalesce(sum(p.n), 0)::text AS "COUNT", coalesce(sum(p.s), 0)::text AS "SUM",
         coalesce(max(p.mx), 0)::text AS "MAX", count(DISTINCT p.u)::text AS "UNIQUE_COUNT",
         coalesce((array_agg(p.lv ORDER BY p.la DESC NULLS LAST, p.lc DESC, p.li DESC))[1], 0)::text AS "LATEST"
    FROM (${partsSql(
      'h.events AS n, h.value_sum AS s, h.value_max AS mx, NULL::text AS u, h.latest_value AS lv, h.latest_at AS la, h.latest_created_at AS lc, h.latest_id AS li',
      '1, e.value, e.value, e.unique_value, e.value, e.occurred_at, e.created_at, e.id',
    )}
          UNION ALL
          SELECT 0, NULL, NULL, v.unique_value, NULL, NULL, NULL, NULL FROM usage_hour_values v
           WHERE v.subscription_id = a.sid AND v.billable_metric_id = a.mid AND v.hour >= a.h1 AND v.hour < a.h2) AS p`;

/** A part's fee when every event is paid, with value v, in numeric (exact). */
const fee = (v: string) => `(${v} * (a.rate / 100) + a.fixed)`;

/**
 * PERCENTAGE over the parts, by the rules of `percentageSql`: the running total `after` in
 * (occurred_at, id) order runs over parts (an hour's sum at once). An hour wholly past the free
 * units whose fees all fall inside [min, max] (or all at one bound, judged by its min and max value)
 * adds up without its events: Σ(v·r + f) = r·Σv + n·f. An hour wholly within the free units pays
 * nothing. Any other hour (the one crossing the free units, or with some fees held by a bound) is
 * priced event by event from usage_events, like the edges. The hour's end is a column (`t_end`): under
 * row-level security `t + interval` in the join would not be an index condition (not leakproof).
 */
const percentageFiguresSql = `
  WITH parts AS (${partsSql(
    "h.hour AS t, h.hour + interval '1 hour' AS t_end, NULL::uuid AS id, h.events AS n, h.value_sum AS s, h.value_min AS mn, coalesce(h.value_max, 0) AS mx, true AS whole",
    'e.occurred_at, NULL, e.id, 1, coalesce(e.value, 0), coalesce(e.value, 0), coalesce(e.value, 0), false',
    'a.pct',
  )}),
  run AS (SELECT *, sum(s) OVER (ORDER BY t, id ROWS UNBOUNDED PRECEDING) AS after FROM parts),
  judged AS (
    SELECT *, CASE
        WHEN NOT whole THEN NULL
        WHEN after <= a.free THEN 0
        WHEN after - s <= a.free THEN NULL
        WHEN (a.low IS NULL OR ${fee('mn')} >= a.low) AND (a.high IS NULL OR ${fee('mx')} <= a.high) THEN s * (a.rate / 100) + a.fixed * n
        WHEN a.high IS NOT NULL AND ${fee('mn')} >= a.high THEN a.high * n
        WHEN a.low IS NOT NULL AND ${fee('mx')} <= a.low THEN a.low * n
      END AS hour_amount
      FROM run),
  events AS (
    SELECT s AS v, after FROM judged WHERE NOT whole
    UNION ALL
    SELECT coalesce(e.value, 0), j.after - j.s
           + sum(coalesce(e.value, 0)) OVER (PARTITION BY j.t ORDER BY e.occurred_at, e.id ROWS UNBOUNDED PRECEDING)
      FROM judged j JOIN usage_events e
        ON e.subscription_id = a.sid AND e.billable_metric_id = a.mid AND e.occurred_at >= j.t AND e.occurred_at < j.t_end
     WHERE j.whole AND j.hour_amount IS NULL),
  priced AS (
    SELECT count(*) FILTER (WHERE after > a.free) AS paid,
           coalesce(sum(after - greatest(after - v, a.free)) FILTER (WHERE after > a.free), 0) AS units,
           coalesce(sum(least(greatest((after - greatest(after - v, a.free)) * (a.rate / 100) + a.fixed, a.low), a.high))
             FILTER (WHERE after > a.free), 0) AS amount
      FROM events),
  hours AS (
    SELECT coalesce(sum(n) FILTER (WHERE hour_amount IS NOT NULL AND after - s > a.free), 0) AS paid,
           coalesce(sum(s) FILTER (WHERE hour_amount IS NOT NULL AND after - s > a.free), 0) AS units,
           coalesce(sum(hour_amount), 0) AS amount
      FROM judged)
  SELECT json_build_object(
           'events', (SELECT coalesce(sum(n), 0) FROM parts)::text, 'paid_events', (priced.paid + hours.paid)::text,
           'units', (priced.units + hours.units)::text, 'amount', (priced.amount + hours.amount)::text) AS percentage
    FROM priced, hours`;

const statement = `
  SELECT a.i, f.*, pct.percentage
    FROM unnest($1::uuid[], $2::uuid[], $3::text[]::timestamptz[], $4::text[]::timestamptz[], $5::text[]::timestamptz[],
                $6::text[]::timestamptz[], $7::boolean[], $8::text[]::numeric[], $9::text[]::numeric[],
                $10::text[]::numeric[], $11::text[]::numeric[], $12::text[]::numeric[])
         WITH ORDINALITY AS a(sid, mid, from_at, h1, h2, to_at, pct, free, rate, fixed, low, high, i)
   CROSS JOIN LATERAL (${figuresSql}) AS f
    LEFT JOIN LATERAL (${percentageFiguresSql}) AS pct ON a.pct`;

/** The statement of `usageFigures` and its parameters (the bench explains it). */
export function usageStatement(asks: readonly UsageAsk[], raw = false): [string, ...unknown[]] {
  const hours = asks.map((ask) => wholeHours(ask.window, raw));
  const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
  const pct = (key: keyof PercentageAsk) => asks.map((ask) => ask.percentage?.[key] ?? null);
  return [
    statement,
    asks.map((ask) => ask.subscriptionId),
    asks.map((ask) => ask.metricId),
    iso(asks.map((ask) => ask.window.from)),
    iso(hours.map((each) => each.h1)),
    iso(hours.map((each) => each.h2)),
    iso(asks.map((ask) => ask.window.to)),
    asks.map((ask) => ask.percentage !== undefined),
    pct('freeUnits'),
    pct('rate'),
    pct('fixedAmount'),
    pct('perEventMin'),
    pct('perEventMax'),
  ];
}

/**
 * The figures of every ask, in order, in one statement. `raw` reads no rollup (every event from
 * usage_events): the reference the rollup is checked against.
 */
export async function usageFigures(
  tx: BillingTx,
  asks: readonly UsageAsk[],
  options: { raw?: boolean } = {},
): Promise<UsageFigures[]> {
  if (asks.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<(UsageFigures & { i: bigint | number })[]>(
    ...usageStatement(asks, options.raw),
  );
  const byIndex = new Map(rows.map(({ i, ...row }) => [Number(i), row]));
  return asks.map((_, k) => byIndex.get(k + 1) as UsageFigures);
}
