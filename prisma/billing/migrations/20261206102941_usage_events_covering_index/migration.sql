-- upcomingInvoice aggregates each charge's window of usage_events: with the tenant (row-level
-- policy) and the extracted values in the index, those are index-only scans (measured by
-- npm run bench:upcoming-invoice).

-- DropIndex
DROP INDEX "usage_events_subscription_id_billable_metric_id_occurred_at_idx";

-- CreateIndex
CREATE INDEX "usage_events_subscription_id_billable_metric_id_occurred_at_idx" ON "usage_events"("subscription_id", "billable_metric_id", "occurred_at", "tenant_id", "value", "unique_value");
