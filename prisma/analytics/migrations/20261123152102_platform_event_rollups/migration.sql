-- CreateTable
CREATE TABLE "platform_event_rollups" (
    "granularity" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "name" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL,
    "events" BIGINT NOT NULL,

    CONSTRAINT "platform_event_rollups_pkey" PRIMARY KEY ("granularity","period_start","name","shard")
);

-- CreateIndex
CREATE INDEX "metric_rollups_metric_granularity_dimensions_hash_period_st_idx" ON "metric_rollups"("metric", "granularity", "dimensions_hash", "period_start");
