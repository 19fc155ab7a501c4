-- Hand-written: row-level security on the per-tenant stats tables, the statement-level triggers on
-- `events` that keep them (and the `events.count` rollups) in the writing transaction, and the
-- function that recomputes all of it from the events. Prisma models none of
-- this, so none of it shows up as drift (see prisma/README.md).

ALTER TABLE "tenant_event_stats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant_event_stats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "tenant_event_stats"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "tenant_active_users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant_active_users" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "tenant_active_users"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

-- What a set of changed events does to the figures the summaries read, given as parallel arrays
-- (one element per event; sign +1 for an added event, -1 for a removed one): the tenant's
-- `tenant_event_stats.total_events`; the `events.count` rollups per UTC hour and day, in total
-- (dimensions {} and hash '') and per event name (md5 of the jsonb text); stats and rollup rows
-- are dropped when they reach 0 (a rebuild would not have them); `tenant_active_users` is raised
-- with GREATEST for added events, and recomputed from the events (through their (tenant_id,
-- user_id, occurred_at) index) for users who lost events. Rows are upserted in one order (stats,
-- then rollups, then users, each sorted), so concurrent writers queue instead of deadlocking.
CREATE FUNCTION analytics_apply_event_changes(tenant_ids uuid[], names text[], occurred_ats timestamptz[], user_ids uuid[], signs integer[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "tenant_event_stats" ("tenant_id", "total_events", "updated_at")
  SELECT c.tenant_id, sum(c.sign), now()
  FROM unnest(tenant_ids, signs) AS c(tenant_id, sign)
  GROUP BY c.tenant_id HAVING sum(c.sign) <> 0
  ORDER BY c.tenant_id
  ON CONFLICT ("tenant_id") DO UPDATE
    SET "total_events" = "tenant_event_stats"."total_events" + excluded."total_events", "updated_at" = excluded."updated_at";

  DELETE FROM "tenant_event_stats" s
  USING (SELECT DISTINCT c.tenant_id FROM unnest(tenant_ids, signs) AS c(tenant_id, sign) WHERE c.sign < 0) AS touched
  WHERE s."tenant_id" = touched.tenant_id AND s."total_events" = 0;

  INSERT INTO "metric_rollups" ("tenant_id", "metric", "granularity", "period_start", "value", "sample_count", "dimensions", "dimensions_hash", "updated_at")
  SELECT c.tenant_id, 'events.count', g.granularity::"rollup_granularity", date_trunc(lower(g.granularity), c.occurred_at, 'UTC'),
         sum(c.sign), sum(c.sign), d.dimensions, CASE WHEN d.dimensions = '{}'::jsonb THEN '' ELSE md5(d.dimensions::text) END, now()
  FROM unnest(tenant_ids, names, occurred_ats, signs) AS c(tenant_id, name, occurred_at, sign)
  CROSS JOIN (VALUES ('HOUR'), ('DAY')) AS g(granularity)
  CROSS JOIN LATERAL (VALUES ('{}'::jsonb), (jsonb_build_object('name', c.name))) AS d(dimensions)
  GROUP BY 1, 3, 4, 7 HAVING sum(c.sign) <> 0
  ORDER BY 1, 3, 4, 8
  ON CONFLICT ("tenant_id", "metric", "granularity", "period_start", "dimensions_hash") DO UPDATE
    SET "value" = "metric_rollups"."value" + excluded."value",
        "sample_count" = "metric_rollups"."sample_count" + excluded."sample_count",
        "updated_at" = excluded."updated_at";

  DELETE FROM "metric_rollups" r
  USING (
    SELECT DISTINCT c.tenant_id, g.granularity::"rollup_granularity" AS granularity, date_trunc(lower(g.granularity), c.occurred_at, 'UTC') AS period_start
    FROM unnest(tenant_ids, occurred_ats, signs) AS c(tenant_id, occurred_at, sign)
    CROSS JOIN (VALUES ('HOUR'), ('DAY')) AS g(granularity)
    WHERE c.sign < 0
  ) AS touched
  WHERE r."tenant_id" = touched.tenant_id AND r."metric" = 'events.count' AND r."granularity" = touched.granularity
    AND r."period_start" = touched.period_start AND r."value" = 0;

  INSERT INTO "tenant_active_users" ("tenant_id", "user_id", "last_seen_day")
  SELECT c.tenant_id, c.user_id, max((c.occurred_at AT TIME ZONE 'UTC')::date)
  FROM unnest(tenant_ids, user_ids, occurred_ats, signs) AS c(tenant_id, user_id, occurred_at, sign)
  WHERE c.sign > 0 AND c.user_id IS NOT NULL
  GROUP BY c.tenant_id, c.user_id
  ORDER BY c.tenant_id, c.user_id
  ON CONFLICT ("tenant_id", "user_id") DO UPDATE
    SET "last_seen_day" = GREATEST("tenant_active_users"."last_seen_day", excluded."last_seen_day");

  WITH losers AS (
    SELECT DISTINCT c.tenant_id, c.user_id
    FROM unnest(tenant_ids, user_ids, signs) AS c(tenant_id, user_id, sign)
    WHERE c.sign < 0 AND c.user_id IS NOT NULL
  ), latest AS (
    SELECT l.tenant_id, l.user_id,
           ((SELECT max(e."occurred_at") FROM "events" e WHERE e."tenant_id" = l.tenant_id AND e."user_id" = l.user_id) AT TIME ZONE 'UTC')::date AS day
    FROM losers l
  ), gone AS (
    DELETE FROM "tenant_active_users" a USING latest
    WHERE a."tenant_id" = latest.tenant_id AND a."user_id" = latest.user_id AND latest.day IS NULL
  )
  UPDATE "tenant_active_users" a SET "last_seen_day" = latest.day
  FROM latest
  WHERE a."tenant_id" = latest.tenant_id AND a."user_id" = latest.user_id AND latest.day IS NOT NULL AND a."last_seen_day" <> latest.day;
$$;

-- Statement-level triggers with transition tables: a batch of 1,000 events (one INSERT) is one
-- call, not 1,000 updates of the same rows. They cover every write to `events`: ingestion, seeds,
-- raw SQL, Prisma. They run as the caller (not SECURITY DEFINER): the transaction's tenant scope
-- lets row-level security accept the stats writes. A bulk loader disables them (DISABLE TRIGGER
-- USER), loads, enables them and calls analytics_rebuild_tenant_stats(). TRUNCATE is not covered.
CREATE FUNCTION analytics_events_inserted() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM analytics_apply_event_changes(array_agg(n.tenant_id), array_agg(n.name), array_agg(n.occurred_at), array_agg(n.user_id), array_agg(1))
  FROM new_events n HAVING count(*) > 0;
  RETURN NULL;
END;
$$;

CREATE FUNCTION analytics_events_deleted() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM analytics_apply_event_changes(array_agg(o.tenant_id), array_agg(o.name), array_agg(o.occurred_at), array_agg(o.user_id), array_agg(-1))
  FROM old_events o HAVING count(*) > 0;
  RETURN NULL;
END;
$$;

CREATE FUNCTION analytics_events_updated() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM analytics_apply_event_changes(array_agg(c.tenant_id), array_agg(c.name), array_agg(c.occurred_at), array_agg(c.user_id), array_agg(c.sign))
  FROM (
    SELECT o.tenant_id, o.name, o.occurred_at, o.user_id, -1 AS sign FROM old_events o
    UNION ALL
    SELECT n.tenant_id, n.name, n.occurred_at, n.user_id, 1 FROM new_events n
  ) AS c
  HAVING count(*) > 0;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "events_stats_insert" AFTER INSERT ON "events"
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_events_inserted();
CREATE TRIGGER "events_stats_delete" AFTER DELETE ON "events"
  REFERENCING OLD TABLE AS old_events
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_events_deleted();
CREATE TRIGGER "events_stats_update" AFTER UPDATE ON "events"
  REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_events_updated();

-- Recomputes, from the events, what the triggers above and ingestion keep in the transaction that
-- stores them: the idempotency keys of events that have none (the earliest
-- event of a key is the one a retry names), the `events.count` rollups per UTC hour and day (in
-- total: dimensions {} and hash ''; per event name: md5 of the jsonb text), `tenant_event_stats`
-- and `tenant_active_users`. For bulk loads that bypass ingestion (COPY). It runs as the caller,
-- under row-level security: with app.all_tenants = 'on' it rebuilds every tenant; scoped to one
-- tenant, that tenant only (it sees and replaces only that tenant's rows).
CREATE FUNCTION analytics_rebuild_tenant_stats() RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "event_idempotency_keys" ("tenant_id", "idempotency_key", "event_id", "occurred_at")
  SELECT DISTINCT ON (e."tenant_id", e."idempotency_key") e."tenant_id", e."idempotency_key", e."id", e."occurred_at"
  FROM "events" e
  WHERE NOT EXISTS (
    SELECT 1 FROM "event_idempotency_keys" k WHERE k."tenant_id" = e."tenant_id" AND k."idempotency_key" = e."idempotency_key"
  )
  ORDER BY e."tenant_id", e."idempotency_key", e."occurred_at", e."id"
  ON CONFLICT ("tenant_id", "idempotency_key") DO NOTHING;

  DELETE FROM "metric_rollups" WHERE "metric" = 'events.count';
  INSERT INTO "metric_rollups" ("tenant_id", "metric", "granularity", "period_start", "value", "sample_count", "dimensions", "dimensions_hash", "updated_at")
  SELECT e."tenant_id", 'events.count', g."granularity"::"rollup_granularity",
         date_trunc(lower(g."granularity"), e."occurred_at", 'UTC'), count(*), count(*),
         d."dimensions", CASE WHEN d."dimensions" = '{}'::jsonb THEN '' ELSE md5(d."dimensions"::text) END, now()
  FROM "events" e
  CROSS JOIN (VALUES ('HOUR'), ('DAY')) AS g("granularity")
  CROSS JOIN LATERAL (VALUES ('{}'::jsonb), (jsonb_build_object('name', e."name"))) AS d("dimensions")
  GROUP BY 1, 3, 4, 7;

  DELETE FROM "tenant_event_stats";
  INSERT INTO "tenant_event_stats" ("tenant_id", "total_events", "updated_at")
  SELECT "tenant_id", count(*), now() FROM "events" GROUP BY "tenant_id";

  DELETE FROM "tenant_active_users";
  INSERT INTO "tenant_active_users" ("tenant_id", "user_id", "last_seen_day")
  SELECT "tenant_id", "user_id", max(("occurred_at" AT TIME ZONE 'UTC')::date)
  FROM "events" WHERE "user_id" IS NOT NULL
  GROUP BY "tenant_id", "user_id";
$$;

-- The events stored before this migration (demo seeds) get their stats.
SELECT set_config('app.all_tenants', 'on', true);
SELECT analytics_rebuild_tenant_stats();
