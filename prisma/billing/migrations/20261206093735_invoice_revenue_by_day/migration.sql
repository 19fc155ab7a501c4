-- CreateIndex
CREATE INDEX "invoices_status_paid_at_idx" ON "invoices"("status", "paid_at");
