-- CreateTable
CREATE TABLE "tenant_event_stats" (
    "tenant_id" UUID NOT NULL,
    "total_events" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_event_stats_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "tenant_active_users" (
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "last_seen_day" DATE NOT NULL,

    CONSTRAINT "tenant_active_users_pkey" PRIMARY KEY ("tenant_id","user_id")
);

-- CreateIndex
CREATE INDEX "tenant_active_users_tenant_id_last_seen_day_idx" ON "tenant_active_users"("tenant_id", "last_seen_day");

-- CreateIndex
CREATE INDEX "tenant_active_users_last_seen_day_idx" ON "tenant_active_users"("last_seen_day");

-- CreateIndex
CREATE INDEX "metric_rollups_metric_granularity_period_start_idx" ON "metric_rollups"("metric", "granularity", "period_start");
