-- DropIndex
DROP INDEX "invoices_subscription_id_idx";

-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "code" TEXT,
ALTER COLUMN "features" SET DEFAULT '{}';

-- AlterTable
ALTER TABLE "usage_records" ADD COLUMN     "invoice_id" UUID;

-- CreateIndex
CREATE INDEX "invoices_subscription_id_created_at_idx" ON "invoices"("subscription_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "plans_tenant_id_code_key" ON "plans"("tenant_id", "code");

-- CreateIndex
CREATE INDEX "subscriptions_customer_id_created_at_idx" ON "subscriptions"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_invoice_id_idx" ON "usage_records"("invoice_id");

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE SET NULL ON UPDATE CASCADE;
