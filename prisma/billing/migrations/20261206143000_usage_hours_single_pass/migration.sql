-- usage_hours_merge_sql, one pass: each hour's figures and its latest event come from one sort
-- (window aggregates over the hour, DISTINCT ON the newest row) instead of a join of two aggregates.
-- The join's plan depended on estimates: over a transition table (no statistics) or right after a
-- bulk load it could be a nested loop of two aggregates, and seed:scale's rebuild over 73,914 events
-- ran for over 15 minutes. Same figures, same merge into existing hours.
CREATE OR REPLACE FUNCTION usage_hours_merge_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    WITH e AS (
      SELECT tenant_id, subscription_id, billable_metric_id, date_trunc('hour', occurred_at, 'UTC') AS hour,
             value, unique_value, occurred_at, created_at, id
        FROM %1$s),
    merged AS (
      SELECT DISTINCT ON (subscription_id, billable_metric_id, hour)
             tenant_id, subscription_id, billable_metric_id, hour,
             count(*) OVER w AS events, coalesce(sum(value) OVER w, 0) AS value_sum,
             max(value) OVER w AS value_max, min(coalesce(value, 0)) OVER w AS value_min,
             value AS latest_value, occurred_at AS latest_at, created_at AS latest_created_at, id AS latest_id
        FROM e
      WINDOW w AS (PARTITION BY subscription_id, billable_metric_id, hour)
       ORDER BY subscription_id, billable_metric_id, hour, occurred_at DESC, created_at DESC, id DESC),
    hours AS (
      INSERT INTO usage_hours AS h (tenant_id, subscription_id, billable_metric_id, hour, events, value_sum, value_max,
                                    value_min, latest_value, latest_at, latest_created_at, latest_id)
      SELECT tenant_id, subscription_id, billable_metric_id, hour, events::integer, value_sum, value_max,
             value_min, latest_value, latest_at, latest_created_at, latest_id
        FROM merged
      ON CONFLICT (subscription_id, billable_metric_id, hour) DO UPDATE SET
        events = h.events + excluded.events,
        value_sum = h.value_sum + excluded.value_sum,
        value_max = greatest(h.value_max, excluded.value_max),
        value_min = least(h.value_min, excluded.value_min),
        latest_value = CASE WHEN (excluded.latest_at, excluded.latest_created_at, excluded.latest_id)
                                 > (h.latest_at, h.latest_created_at, h.latest_id) THEN excluded.latest_value ELSE h.latest_value END,
        latest_created_at = CASE WHEN (excluded.latest_at, excluded.latest_created_at, excluded.latest_id)
                                 > (h.latest_at, h.latest_created_at, h.latest_id) THEN excluded.latest_created_at ELSE h.latest_created_at END,
        latest_id = CASE WHEN (excluded.latest_at, excluded.latest_created_at, excluded.latest_id)
                                 > (h.latest_at, h.latest_created_at, h.latest_id) THEN excluded.latest_id ELSE h.latest_id END,
        latest_at = greatest(h.latest_at, excluded.latest_at)
      RETURNING 1)
    INSERT INTO usage_hour_values (tenant_id, subscription_id, billable_metric_id, hour, unique_value)
    SELECT DISTINCT tenant_id, subscription_id, billable_metric_id, hour, unique_value
      FROM e WHERE unique_value IS NOT NULL
     ORDER BY subscription_id, billable_metric_id, hour, unique_value
    ON CONFLICT DO NOTHING$sql$, source)
$fn$;
