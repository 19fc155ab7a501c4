-- Hand-written: CHECK constraints, which Prisma does not model (never reported as drift; see
-- prisma/README.md).
ALTER TABLE "plans" ADD CONSTRAINT "plans_amount_not_negative" CHECK ("amount" >= 0);
ALTER TABLE "plans" ADD CONSTRAINT "plans_interval_count_positive" CHECK ("interval_count" > 0);
ALTER TABLE "plans" ADD CONSTRAINT "plans_trial_days_not_negative" CHECK ("trial_days" >= 0);
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_amounts_not_negative"
  CHECK ("subtotal" >= 0 AND "tax" >= 0 AND "discount" >= 0 AND "total" >= 0 AND "amount_paid" >= 0);
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_quantity_not_negative" CHECK ("quantity" >= 0);
