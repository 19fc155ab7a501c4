-- Hand-written: row-level security on the idempotency key table, and backfills that bring rows
-- written before this migration in line with what ingestion now maintains. Prisma models none of
-- this, so none of it shows up as drift (see prisma/README.md).

-- Backfills read and write every tenant's rows (FORCE applies to the migrating role too).
SELECT set_config('app.all_tenants', 'on', true);

ALTER TABLE "event_idempotency_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_idempotency_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "event_idempotency_keys"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

-- Every stored event has claimed its key: the earliest event of a key is the one a retry names.
INSERT INTO "event_idempotency_keys" ("tenant_id", "idempotency_key", "event_id", "occurred_at")
SELECT DISTINCT ON ("tenant_id", "idempotency_key") "tenant_id", "idempotency_key", "id", "occurred_at"
FROM "events"
ORDER BY "tenant_id", "idempotency_key", "occurred_at", "id";

-- Earlier demo purchases named their customer inside `data`.
UPDATE "events" SET "customer_id" = ("data"->>'customerId')::uuid
WHERE "customer_id" IS NULL
  AND "data"->>'customerId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

-- The `events.count` rollups, rebuilt from the events as ingestion keeps them: per hour and per
-- day (UTC), in total (dimensions {} and hash '') and per event name (hash: md5 of the jsonb text).
DELETE FROM "metric_rollups" WHERE "metric" = 'events.count';
INSERT INTO "metric_rollups" ("tenant_id", "metric", "granularity", "period_start", "value", "sample_count", "dimensions", "dimensions_hash", "updated_at")
SELECT e."tenant_id", 'events.count', g."granularity"::"rollup_granularity",
       date_trunc(lower(g."granularity"), e."occurred_at", 'UTC'), count(*), count(*),
       d."dimensions", CASE WHEN d."dimensions" = '{}'::jsonb THEN '' ELSE md5(d."dimensions"::text) END, now()
FROM "events" e
CROSS JOIN (VALUES ('HOUR'), ('DAY')) AS g("granularity")
CROSS JOIN LATERAL (VALUES ('{}'::jsonb), (jsonb_build_object('name', e."name"))) AS d("dimensions")
GROUP BY 1, 3, 4, 7;
