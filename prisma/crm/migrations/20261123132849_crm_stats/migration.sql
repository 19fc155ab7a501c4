-- CreateTable
CREATE TABLE "crm_tenant_stats" (
    "tenant_id" UUID NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "crm_tenant_stats_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "crm_lead_stats" (
    "tenant_id" UUID NOT NULL,
    "status" "lead_status" NOT NULL,
    "stage_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "leads" INTEGER NOT NULL DEFAULT 0,
    "value" DECIMAL(34,4) NOT NULL DEFAULT 0,
    "weighted_value" DECIMAL(38,4) NOT NULL DEFAULT 0,
    "probability_sum" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "crm_lead_stats_pkey" PRIMARY KEY ("tenant_id","status","stage_id","currency")
);

-- CreateIndex
CREATE INDEX "customers_created_at_idx" ON "customers"("created_at");
