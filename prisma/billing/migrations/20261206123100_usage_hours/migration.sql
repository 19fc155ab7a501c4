-- CreateTable
CREATE TABLE "usage_hours" (
    "tenant_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "billable_metric_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "events" INTEGER NOT NULL,
    "value_sum" DECIMAL(60,12) NOT NULL,
    "value_max" DECIMAL(38,12),
    "value_min" DECIMAL(38,12) NOT NULL,
    "latest_value" DECIMAL(38,12),
    "latest_at" TIMESTAMPTZ(3) NOT NULL,
    "latest_created_at" TIMESTAMPTZ(3) NOT NULL,
    "latest_id" UUID NOT NULL,

    CONSTRAINT "usage_hours_pkey" PRIMARY KEY ("subscription_id","billable_metric_id","hour")
);

-- CreateTable
CREATE TABLE "usage_hour_values" (
    "tenant_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "billable_metric_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "unique_value" TEXT NOT NULL,

    CONSTRAINT "usage_hour_values_pkey" PRIMARY KEY ("subscription_id","billable_metric_id","hour","unique_value")
);

-- CreateIndex
CREATE INDEX "usage_hours_tenant_id_idx" ON "usage_hours"("tenant_id");

-- CreateIndex
CREATE INDEX "usage_hour_values_tenant_id_idx" ON "usage_hour_values"("tenant_id");

-- AddForeignKey
ALTER TABLE "usage_hours" ADD CONSTRAINT "usage_hours_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_hours" ADD CONSTRAINT "usage_hours_billable_metric_id_fkey" FOREIGN KEY ("billable_metric_id") REFERENCES "billable_metrics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_hour_values" ADD CONSTRAINT "usage_hour_values_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_hour_values" ADD CONSTRAINT "usage_hour_values_billable_metric_id_fkey" FOREIGN KEY ("billable_metric_id") REFERENCES "billable_metrics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the hourly rollup of usage_events, kept in the event's own transaction.
-- Window aggregations (upcomingInvoice, the billing clock) read whole UTC hours here and only the
-- partial edge hours from usage_events. UNIQUE_COUNT keeps each hour's distinct values (a distinct
-- count does not add up across hours; the union of the hours' sets does, exactly).

ALTER TABLE "usage_hours" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_hours" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "usage_hours"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "usage_hour_values" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_hour_values" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "usage_hour_values"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "usage_hours" ADD CONSTRAINT "usage_hours_whole_hour" CHECK ("hour" = date_trunc('hour', "hour", 'UTC'));

-- The statement that adds the events of relation `source` to their hours: counts and sums add up,
-- max/min and the latest (occurred_at, created_at, id) merge. Text, so that the insert trigger can
-- run it over its transition table (EXECUTE sees it) and the rebuild over usage_events.
CREATE FUNCTION usage_hours_merge_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    WITH e AS (
      SELECT tenant_id, subscription_id, billable_metric_id, date_trunc('hour', occurred_at, 'UTC') AS hour,
             value, unique_value, occurred_at, created_at, id
        FROM %1$s),
    latest AS (
      SELECT DISTINCT ON (subscription_id, billable_metric_id, hour) subscription_id, billable_metric_id, hour,
             value, occurred_at, created_at, id
        FROM e ORDER BY subscription_id, billable_metric_id, hour, occurred_at DESC, created_at DESC, id DESC),
    grouped AS (
      SELECT tenant_id, subscription_id, billable_metric_id, hour, count(*)::integer AS events,
             coalesce(sum(value), 0) AS value_sum, max(value) AS value_max, min(coalesce(value, 0)) AS value_min
        FROM e GROUP BY tenant_id, subscription_id, billable_metric_id, hour),
    hours AS (
      INSERT INTO usage_hours AS h (tenant_id, subscription_id, billable_metric_id, hour, events, value_sum, value_max,
                                    value_min, latest_value, latest_at, latest_created_at, latest_id)
      SELECT g.tenant_id, g.subscription_id, g.billable_metric_id, g.hour, g.events, g.value_sum, g.value_max,
             g.value_min, l.value, l.occurred_at, l.created_at, l.id
        FROM grouped g JOIN latest l USING (subscription_id, billable_metric_id, hour)
       ORDER BY g.subscription_id, g.billable_metric_id, g.hour
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

-- New events: one merge per statement (a batch of 1,000 events is one upsert). A re-sent
-- idempotency key inserts no row, so it adds nothing here either.
CREATE FUNCTION usage_hours_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE usage_hours_merge_sql('new_events');
  RETURN NULL;
END
$$;

-- Events changed or deleted (never by the API; by hand or by a cascade): their hours are recounted.
CREATE FUNCTION usage_hours_recount() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text := 'SELECT subscription_id, billable_metric_id, date_trunc(''hour'', occurred_at, ''UTC'') AS hour FROM old_events'
    || CASE WHEN TG_OP = 'UPDATE'
         THEN ' UNION SELECT subscription_id, billable_metric_id, date_trunc(''hour'', occurred_at, ''UTC'') FROM new_events'
         ELSE '' END;
BEGIN
  EXECUTE format($q$
    WITH t AS (%1$s), hours AS (
      DELETE FROM usage_hours h USING t
       WHERE h.subscription_id = t.subscription_id AND h.billable_metric_id = t.billable_metric_id AND h.hour = t.hour)
    DELETE FROM usage_hour_values v USING t
     WHERE v.subscription_id = t.subscription_id AND v.billable_metric_id = t.billable_metric_id AND v.hour = t.hour$q$,
    touched);
  EXECUTE usage_hours_merge_sql(format($s$(SELECT u.* FROM usage_events u JOIN (SELECT DISTINCT * FROM (%1$s) k) t
      ON u.subscription_id = t.subscription_id AND u.billable_metric_id = t.billable_metric_id
     AND u.occurred_at >= t.hour AND u.occurred_at < t.hour + interval '1 hour') AS s$s$, touched));
  RETURN NULL;
END
$$;

CREATE FUNCTION usage_hours_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE usage_hour_values, usage_hours;
  RETURN NULL;
END
$$;

CREATE TRIGGER usage_hours_add AFTER INSERT ON usage_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION usage_hours_add();
CREATE TRIGGER usage_hours_recount_delete AFTER DELETE ON usage_events
  REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION usage_hours_recount();
CREATE TRIGGER usage_hours_recount_update AFTER UPDATE ON usage_events
  REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION usage_hours_recount();
CREATE TRIGGER usage_hours_clear AFTER TRUNCATE ON usage_events
  FOR EACH STATEMENT EXECUTE FUNCTION usage_hours_clear();

-- The seeder loads usage_events with AFTER triggers off and then calls billing_rebuild_tenant_stats():
-- the rebuild now recomputes the hours too.
CREATE FUNCTION usage_hours_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM usage_hour_values;
  DELETE FROM usage_hours;
  EXECUTE usage_hours_merge_sql('usage_events');
END
$$;

ALTER FUNCTION billing_rebuild_tenant_stats() RENAME TO billing_rebuild_tenant_figures;
CREATE FUNCTION billing_rebuild_tenant_stats() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM billing_rebuild_tenant_figures();
  PERFORM usage_hours_rebuild();
END
$$;

-- Backfill from the events already recorded.
SELECT set_config('app.all_tenants', 'on', true);
SELECT usage_hours_rebuild();
