-- Hand-written (Prisma does not model CHECKs): every date-time column that takes input or is derived
-- from it stays within 1900-01-01 .. 9999-12-31 (UTC), so every stored value still serialises as a
-- GraphQL DateTime on later reads. Violations are SQLSTATE 23514 with constraint <table>_<column>_window.

ALTER TABLE "leads"
  ADD CONSTRAINT "leads_expected_close_date_window" CHECK ("expected_close_date" BETWEEN '1900-01-01' AND '9999-12-31');

ALTER TABLE "interactions"
  ADD CONSTRAINT "interactions_scheduled_at_window" CHECK ("scheduled_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "interactions_completed_at_window" CHECK ("completed_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');
