-- Hand-written: the billing rules the database itself holds (Prisma does not model CHECKs or
-- partial indexes, so none of this shows up as drift; see prisma/README.md).

-- Plans' features became a JSON object (feature name → value): earlier rows held a list.
SELECT set_config('app.all_tenants', 'on', true);
UPDATE "plans" SET "features" = jsonb_build_object('items', "features") WHERE jsonb_typeof("features") <> 'object';
ALTER TABLE "plans" ADD CONSTRAINT "plans_features_object" CHECK (jsonb_typeof("features") = 'object');

ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_period_ordered" CHECK ("current_period_end" > "current_period_start");
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_trial_ordered" CHECK ("trial_end" IS NULL OR "trial_start" IS NULL OR "trial_end" >= "trial_start");

-- Totals are derived, never typed in: a row whose figures disagree cannot be stored.
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_discount_within_subtotal" CHECK ("discount" <= "subtotal");
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_total_consistent" CHECK ("total" = "subtotal" - "discount" + "tax");
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_period_ordered" CHECK ("period_start" IS NULL OR "period_end" IS NULL OR "period_end" > "period_start");

-- A subscription's period is billed once; a voided invoice frees its period to be billed again.
CREATE UNIQUE INDEX "invoices_one_per_subscription_period" ON "invoices" ("tenant_id", "subscription_id", "period_start", "period_end")
  WHERE "status" <> 'VOID' AND "subscription_id" IS NOT NULL;

ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_period_ordered" CHECK ("period_end" >= "period_start");
