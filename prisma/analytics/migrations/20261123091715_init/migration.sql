-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "rollup_granularity" AS ENUM ('HOUR', 'DAY', 'WEEK', 'MONTH');

-- CreateEnum
CREATE TYPE "actor_role" AS ENUM ('SUPERADMIN', 'ADMIN', 'CLIENT', 'SYSTEM');

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotency_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "user_id" UUID,
    "session_id" TEXT,
    "page_url" TEXT,
    "page_title" TEXT,
    "referrer" TEXT,
    "device" TEXT,
    "browser" TEXT,
    "os" TEXT,
    "country" CHAR(2),

    CONSTRAINT "events_pkey" PRIMARY KEY ("id","occurred_at")
);

-- CreateTable
CREATE TABLE "metric_rollups" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "granularity" "rollup_granularity" NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "value" DECIMAL(19,4) NOT NULL,
    "sample_count" INTEGER NOT NULL DEFAULT 0,
    "dimensions" JSONB NOT NULL DEFAULT '{}',
    "dimensions_hash" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metric_rollups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dashboards" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "widgets" JSONB NOT NULL DEFAULT '[]',
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dashboards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID,
    "actor_id" UUID,
    "actor_role" "actor_role",
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "changes" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "events_tenant_id_occurred_at_idx" ON "events"("tenant_id", "occurred_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_name_occurred_at_idx" ON "events"("tenant_id", "name", "occurred_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_user_id_occurred_at_idx" ON "events"("tenant_id", "user_id", "occurred_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_session_id_idx" ON "events"("tenant_id", "session_id");

-- CreateIndex
CREATE UNIQUE INDEX "events_tenant_id_idempotency_key_occurred_at_key" ON "events"("tenant_id", "idempotency_key", "occurred_at");

-- CreateIndex
CREATE INDEX "metric_rollups_tenant_id_granularity_period_start_idx" ON "metric_rollups"("tenant_id", "granularity", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "metric_rollups_tenant_id_metric_granularity_period_start_di_key" ON "metric_rollups"("tenant_id", "metric", "granularity", "period_start", "dimensions_hash");

-- CreateIndex
CREATE INDEX "dashboards_tenant_id_created_at_id_idx" ON "dashboards"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "dashboards_tenant_id_is_public_idx" ON "dashboards"("tenant_id", "is_public");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_created_at_idx" ON "audit_log"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_created_at_idx" ON "audit_log"("actor_id", "created_at");
