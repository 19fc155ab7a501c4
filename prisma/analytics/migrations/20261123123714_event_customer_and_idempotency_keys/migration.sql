-- AlterTable
ALTER TABLE "events" ADD COLUMN     "customer_id" UUID;

-- CreateTable
CREATE TABLE "event_idempotency_keys" (
    "tenant_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_idempotency_keys_pkey" PRIMARY KEY ("tenant_id","idempotency_key")
);

-- CreateIndex
CREATE INDEX "events_tenant_id_customer_id_occurred_at_idx" ON "events"("tenant_id", "customer_id", "occurred_at");
