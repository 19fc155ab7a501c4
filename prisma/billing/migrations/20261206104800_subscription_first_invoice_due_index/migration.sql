-- The billing clock finds subscriptions whose first invoice is still to issue by this (Prisma does
-- not model partial indexes): only the few new ones are in it.
CREATE INDEX "subscriptions_first_invoice_due_idx" ON "subscriptions" ("tenant_id", "current_period_start")
  WHERE "first_invoice_due";
