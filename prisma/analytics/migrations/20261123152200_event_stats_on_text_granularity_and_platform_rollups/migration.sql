-- Hand-written, after `metric_rollups.granularity` became text and `platform_event_rollups` was
-- created (the two previous migrations; see their comments in schema.prisma): CHECKs, and the two
-- functions that keep the rollups, now writing text and keeping the platform rollups too.

ALTER TABLE "metric_rollups" ADD CONSTRAINT "metric_rollups_granularity_check" CHECK ("granularity" IN ('HOUR', 'DAY', 'WEEK', 'MONTH'));
ALTER TABLE "platform_event_rollups" ADD CONSTRAINT "platform_event_rollups_granularity_check" CHECK ("granularity" IN ('HOUR', 'DAY'));
-- '' names the platform totals; ingestion already refuses empty names.
ALTER TABLE "events" ADD CONSTRAINT "events_name_not_empty" CHECK ("name" <> '');

-- The platform-rollup shard of a tenant's changes (0..15).
CREATE FUNCTION analytics_platform_shard(tenant_id uuid) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (hashtext(tenant_id::text) & 15)::smallint $$;

-- As in 20261123132900_tenant_event_stats_rls_and_rebuild, without the casts to the enum, and with
-- the same changes summed into `platform_event_rollups` (locked after the tenant's rows, in key order).
CREATE OR REPLACE FUNCTION analytics_apply_event_changes(tenant_ids uuid[], names text[], occurred_ats timestamptz[], user_ids uuid[], signs integer[]) RETURNS void
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
  SELECT c.tenant_id, 'events.count', g.granularity, date_trunc(lower(g.granularity), c.occurred_at, 'UTC'),
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
    SELECT DISTINCT c.tenant_id, g.granularity, date_trunc(lower(g.granularity), c.occurred_at, 'UTC') AS period_start
    FROM unnest(tenant_ids, occurred_ats, signs) AS c(tenant_id, occurred_at, sign)
    CROSS JOIN (VALUES ('HOUR'), ('DAY')) AS g(granularity)
    WHERE c.sign < 0
  ) AS touched
  WHERE r."tenant_id" = touched.tenant_id AND r."metric" = 'events.count' AND r."granularity" = touched.granularity
    AND r."period_start" = touched.period_start AND r."value" = 0;

  INSERT INTO "platform_event_rollups" ("granularity", "period_start", "name", "shard", "events")
  SELECT g.granularity, date_trunc(lower(g.granularity), c.occurred_at, 'UTC'), n.name, analytics_platform_shard(c.tenant_id), sum(c.sign)
  FROM unnest(tenant_ids, names, occurred_ats, signs) AS c(tenant_id, name, occurred_at, sign)
  CROSS JOIN (VALUES ('HOUR'), ('DAY')) AS g(granularity)
  CROSS JOIN LATERAL (VALUES (''), (c.name)) AS n(name)
  GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("granularity", "period_start", "name", "shard") DO UPDATE
    SET "events" = "platform_event_rollups"."events" + excluded."events";

  DELETE FROM "platform_event_rollups" p
  USING (
    SELECT DISTINCT g.granularity, date_trunc(lower(g.granularity), c.occurred_at, 'UTC') AS period_start, analytics_platform_shard(c.tenant_id) AS shard
    FROM unnest(tenant_ids, occurred_ats, signs) AS c(tenant_id, occurred_at, sign)
    CROSS JOIN (VALUES ('HOUR'), ('DAY')) AS g(granularity)
    WHERE c.sign < 0
  ) AS touched
  WHERE p."granularity" = touched.granularity AND p."period_start" = touched.period_start AND p."shard" = touched.shard AND p."events" = 0;

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

-- analytics_rebuild_tenant_stats() for bulk loads of millions of events (the scale
-- seeder's 5,000,000 took 21 minutes with the first version). Same results, plus the platform
-- rollups, computed in fewer and cheaper steps:
-- - the events are grouped once, by tenant, UTC hour and event name as text (not by a jsonb built
--   per event); hour totals, day rows and day totals are sums of those groups;
-- - `dimensions` and `dimensions_hash` are built once per distinct event name;
-- - rebuilding every tenant (app.all_tenants = 'on') drops the indexes of `metric_rollups` for the
--   insert and builds each again in one sorted pass: millions of insertions into indexes larger
--   than shared_buffers are random I/O. The DDL holds an ACCESS EXCLUSIVE lock on `metric_rollups`
--   until the caller commits: rollup reads wait for a whole-platform rebuild, which only bulk
--   loads (scale seed, restores) run. Scoped to one tenant, it keeps the indexes and the lock is
--   the usual row locks;
-- - the platform rollups are recomputed with every tenant; for one tenant, its old rollups are
--   subtracted from them and its rebuilt ones added.
CREATE OR REPLACE FUNCTION analytics_rebuild_tenant_stats() RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  whole_table constant boolean := current_setting('app.all_tenants', true) = 'on';
  drops text[];
  rebuilds text[];
  ddl text;
BEGIN
  INSERT INTO "event_idempotency_keys" ("tenant_id", "idempotency_key", "event_id", "occurred_at")
  SELECT DISTINCT ON (e."tenant_id", e."idempotency_key") e."tenant_id", e."idempotency_key", e."id", e."occurred_at"
  FROM "events" e
  WHERE NOT EXISTS (
    SELECT 1 FROM "event_idempotency_keys" k WHERE k."tenant_id" = e."tenant_id" AND k."idempotency_key" = e."idempotency_key"
  )
  ORDER BY e."tenant_id", e."idempotency_key", e."occurred_at", e."id"
  ON CONFLICT ("tenant_id", "idempotency_key") DO NOTHING;

  IF whole_table THEN
    DELETE FROM "platform_event_rollups";
  ELSE
    -- The tenant's present rollups leave the platform sums; the rebuilt ones are added below.
    INSERT INTO "platform_event_rollups" ("granularity", "period_start", "name", "shard", "events")
    SELECT r."granularity", r."period_start", coalesce(r."dimensions"->>'name', ''), analytics_platform_shard(r."tenant_id"), -sum(r."value")
    FROM "metric_rollups" r
    WHERE r."metric" = 'events.count' AND r."granularity" IN ('HOUR', 'DAY')
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("granularity", "period_start", "name", "shard") DO UPDATE
      SET "events" = "platform_event_rollups"."events" + excluded."events";
  END IF;

  DELETE FROM "metric_rollups" WHERE "metric" = 'events.count';

  IF whole_table THEN
    -- Constraint-backed indexes (the primary key) go and come back as constraints, the others as
    -- indexes, each with its name and definition as the catalog has them.
    SELECT
      array_agg(CASE WHEN con.oid IS NULL THEN format('DROP INDEX %s', i.indexrelid::regclass)
                     ELSE format('ALTER TABLE "metric_rollups" DROP CONSTRAINT %I', con.conname) END),
      array_agg(CASE WHEN con.oid IS NULL THEN pg_get_indexdef(i.indexrelid)
                     ELSE format('ALTER TABLE "metric_rollups" ADD CONSTRAINT %I %s', con.conname, pg_get_constraintdef(con.oid)) END)
    INTO drops, rebuilds
    FROM pg_index i
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
    WHERE i.indrelid = '"metric_rollups"'::regclass;
    FOREACH ddl IN ARRAY coalesce(drops, '{}') LOOP
      EXECUTE ddl;
    END LOOP;
  END IF;

  WITH hourly AS MATERIALIZED (
    SELECT e."tenant_id", date_trunc('hour', e."occurred_at", 'UTC') AS period_start, e."name", count(*) AS events
    FROM "events" e
    GROUP BY 1, 2, 3
  ), daily AS MATERIALIZED (
    SELECT h."tenant_id", date_trunc('day', h.period_start, 'UTC') AS period_start, h."name", sum(h.events) AS events
    FROM hourly h
    GROUP BY 1, 2, 3
  ), counts AS (
    SELECT h."tenant_id", 'HOUR' AS granularity, h.period_start, h."name", h.events FROM hourly h
    UNION ALL
    SELECT h."tenant_id", 'HOUR', h.period_start, NULL, sum(h.events) FROM hourly h GROUP BY 1, 3
    UNION ALL
    SELECT d."tenant_id", 'DAY', d.period_start, d."name", d.events FROM daily d
    UNION ALL
    SELECT d."tenant_id", 'DAY', d.period_start, NULL, sum(d.events) FROM daily d GROUP BY 1, 3
  ), names AS (
    SELECT n."name", jsonb_build_object('name', n."name") AS dimensions FROM (SELECT DISTINCT h."name" FROM hourly h) n
  ), platform AS (
    INSERT INTO "platform_event_rollups" ("granularity", "period_start", "name", "shard", "events")
    SELECT c.granularity, c.period_start, coalesce(c."name", ''), analytics_platform_shard(c."tenant_id"), sum(c.events)
    FROM counts c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("granularity", "period_start", "name", "shard") DO UPDATE
      SET "events" = "platform_event_rollups"."events" + excluded."events"
  )
  INSERT INTO "metric_rollups" ("tenant_id", "metric", "granularity", "period_start", "value", "sample_count", "dimensions", "dimensions_hash", "updated_at")
  SELECT c."tenant_id", 'events.count', c.granularity, c.period_start, c.events, c.events,
         coalesce(n.dimensions, '{}'::jsonb), coalesce(md5(n.dimensions::text), ''), now()
  FROM counts c
  LEFT JOIN names n ON n."name" = c."name"
  -- Stored in time order, as ingestion appends them: a window of every tenant's rows is a few
  -- neighbouring pages instead of one page per row.
  ORDER BY c.granularity, c.period_start;

  FOREACH ddl IN ARRAY coalesce(rebuilds, '{}') LOOP
    EXECUTE ddl;
  END LOOP;
  IF NOT whole_table THEN
    DELETE FROM "platform_event_rollups" WHERE "events" = 0;
  END IF;

  DELETE FROM "tenant_event_stats";
  INSERT INTO "tenant_event_stats" ("tenant_id", "total_events", "updated_at")
  SELECT "tenant_id", count(*), now() FROM "events" GROUP BY "tenant_id";

  DELETE FROM "tenant_active_users";
  INSERT INTO "tenant_active_users" ("tenant_id", "user_id", "last_seen_day")
  SELECT "tenant_id", "user_id", max(("occurred_at" AT TIME ZONE 'UTC')::date)
  FROM "events" WHERE "user_id" IS NOT NULL
  GROUP BY "tenant_id", "user_id";
END;
$$;

-- The platform rollups of the events stored so far, summed from their tenants' rollups.
SELECT set_config('app.all_tenants', 'on', true);
INSERT INTO "platform_event_rollups" ("granularity", "period_start", "name", "shard", "events")
SELECT "granularity", "period_start", coalesce("dimensions"->>'name', ''), analytics_platform_shard("tenant_id"), sum("value")
FROM "metric_rollups"
WHERE "metric" = 'events.count' AND "granularity" IN ('HOUR', 'DAY')
GROUP BY 1, 2, 3, 4;
