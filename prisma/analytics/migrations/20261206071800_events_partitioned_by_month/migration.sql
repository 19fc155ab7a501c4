-- Hand-written: `events` becomes a table partitioned by RANGE ("occurred_at"), one partition per
-- UTC month (`events_pYYYY_MM`) and a default one for anything outside them (old backfills). A
-- month's trend or funnel then reads one or two partitions' indexes, and old months can be
-- detached or dropped whole. Prisma models none of this; the table keeps its columns, keys,
-- indexes, checks, triggers and policy under the same names (see prisma/README.md).
--
-- The new table copies the current one's columns (LIKE), so columns an earlier migration added
-- survive; every key already includes "occurred_at", as a partitioned table requires.
CREATE TABLE "events_partitioned" (LIKE "events" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)
  PARTITION BY RANGE ("occurred_at");

-- Row-level security on a partition: the app only ever names "events" (whose policy applies), but
-- a partition read directly must not show every tenant either.
CREATE FUNCTION analytics_secure_event_partition(partition regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', partition);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', partition);
  EXECUTE format($p$CREATE POLICY "tenant_isolation" ON %s
    USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
    WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')$p$,
    partition);
END $$;

CREATE TABLE "events_default" PARTITION OF "events_partitioned" DEFAULT;
SELECT analytics_secure_event_partition('"events_default"');

-- The partition of the UTC month starting on `month`, if missing. Rows the default partition
-- caught for that month move into it first (the attach refuses while the default holds any); a
-- direct DELETE/INSERT on partitions fires no trigger of "events", so the counters stay as they are.
CREATE FUNCTION analytics_create_event_partition(month date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  parent regclass := 'events'::regclass;
  partition text := format('events_p%s', to_char(month, 'YYYY_MM'));
  lower_bound timestamptz := date_trunc('month', month)::timestamp AT TIME ZONE 'UTC';
  upper_bound timestamptz := (date_trunc('month', month) + interval '1 month')::timestamp AT TIME ZONE 'UTC';
BEGIN
  IF to_regclass(format('%I', partition)) IS NOT NULL THEN RETURN; END IF;
  EXECUTE format('CREATE TABLE %I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)', partition, parent);
  EXECUTE format('WITH moved AS (DELETE FROM "events_default" WHERE "occurred_at" >= $1 AND "occurred_at" < $2 RETURNING *)
                  INSERT INTO %I SELECT * FROM moved', partition) USING lower_bound, upper_bound;
  EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, partition, lower_bound, upper_bound);
  PERFORM analytics_secure_event_partition(format('%I', partition)::regclass);
END $$;

-- The month partitions from `months_back` months before the current UTC month to `months_ahead`
-- after it (the job task `analytics.create-event-partitions` keeps months ahead; the seeder asks
-- for its 400 days). Moving caught rows needs every tenant's rows: system work.
CREATE FUNCTION analytics_ensure_event_partitions(months_back integer, months_ahead integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
BEGIN
  PERFORM set_config('app.all_tenants', 'on', true);
  FOR offset_months IN -months_back..months_ahead LOOP
    PERFORM analytics_create_event_partition((this_month + make_interval(months => offset_months))::date);
  END LOOP;
END $$;

-- The new table takes the name, gets its months, and the rows move over; then the old table (its
-- triggers and policy with it) goes, and the new one gets the keys, indexes, triggers and policy.
ALTER TABLE "events" RENAME TO "events_unpartitioned";
ALTER TABLE "events_partitioned" RENAME TO "events";
SELECT analytics_ensure_event_partitions(14, 3);
INSERT INTO "events" SELECT * FROM "events_unpartitioned";
DROP TABLE "events_unpartitioned";

ALTER TABLE "events" ADD CONSTRAINT "events_pkey" PRIMARY KEY ("id", "occurred_at");
CREATE UNIQUE INDEX "events_tenant_id_idempotency_key_occurred_at_key" ON "events"("tenant_id", "idempotency_key", "occurred_at");
CREATE INDEX "events_tenant_id_occurred_at_idx" ON "events"("tenant_id", "occurred_at");
CREATE INDEX "events_tenant_id_name_occurred_at_idx" ON "events"("tenant_id", "name", "occurred_at");
CREATE INDEX "events_tenant_id_user_id_occurred_at_idx" ON "events"("tenant_id", "user_id", "occurred_at");
CREATE INDEX "events_tenant_id_customer_id_occurred_at_idx" ON "events"("tenant_id", "customer_id", "occurred_at");
CREATE INDEX "events_tenant_id_session_id_idx" ON "events"("tenant_id", "session_id");

ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "events"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

CREATE TRIGGER "events_stats_insert" AFTER INSERT ON "events"
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_events_inserted();
CREATE TRIGGER "events_stats_delete" AFTER DELETE ON "events"
  REFERENCING OLD TABLE AS old_events
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_events_deleted();
CREATE TRIGGER "events_stats_update" AFTER UPDATE ON "events"
  REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_events_updated();
