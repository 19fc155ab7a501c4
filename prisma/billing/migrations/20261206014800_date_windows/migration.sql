-- Hand-written (Prisma does not model CHECKs): every date-time column that takes input or is derived
-- from it stays within 1900-01-01 .. 9999-12-31 (UTC), so every stored value still serialises as a
-- GraphQL DateTime on later reads. Violations are SQLSTATE 23514 with constraint <table>_<column>_window.

ALTER TABLE "subscriptions"
  ADD CONSTRAINT "subscriptions_trial_start_window" CHECK ("trial_start" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "subscriptions_trial_end_window" CHECK ("trial_end" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "subscriptions_current_period_start_window" CHECK ("current_period_start" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "subscriptions_current_period_end_window" CHECK ("current_period_end" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "subscriptions_cancelled_at_window" CHECK ("cancelled_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "invoices"
  ADD CONSTRAINT "invoices_issued_at_window" CHECK ("issued_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "invoices_due_date_window" CHECK ("due_date" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "invoices_period_start_window" CHECK ("period_start" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "invoices_period_end_window" CHECK ("period_end" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "invoice_line_items"
  ADD CONSTRAINT "invoice_line_items_period_start_window" CHECK ("period_start" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "invoice_line_items_period_end_window" CHECK ("period_end" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "usage_records"
  ADD CONSTRAINT "usage_records_period_start_window" CHECK ("period_start" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "usage_records_period_end_window" CHECK ("period_end" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00'),
  ADD CONSTRAINT "usage_records_recorded_at_window" CHECK ("recorded_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');
