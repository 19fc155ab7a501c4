-- Hand-written (Prisma does not model CHECKs): every date-time column that takes input or is derived
-- from it stays within 1900-01-01 .. 9999-12-31 (UTC), so every stored value still serialises as a
-- GraphQL DateTime on later reads. Violations are SQLSTATE 23514 with constraint <table>_<column>_window.

ALTER TABLE "events"
  ADD CONSTRAINT "events_occurred_at_window" CHECK ("occurred_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "event_idempotency_keys"
  ADD CONSTRAINT "event_idempotency_keys_occurred_at_window" CHECK ("occurred_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "metric_rollups"
  ADD CONSTRAINT "metric_rollups_period_start_window" CHECK ("period_start" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "platform_event_rollups"
  ADD CONSTRAINT "platform_event_rollups_period_start_window" CHECK ("period_start" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "tenant_active_users"
  ADD CONSTRAINT "tenant_active_users_last_seen_day_window" CHECK ("last_seen_day" BETWEEN '1900-01-01' AND '9999-12-31');
