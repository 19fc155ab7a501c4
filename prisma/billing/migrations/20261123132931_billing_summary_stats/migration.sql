-- CreateTable
CREATE TABLE "billing_tenant_stats" (
    "tenant_id" UUID NOT NULL,
    "trialing_subscriptions" INTEGER NOT NULL DEFAULT 0,
    "active_subscriptions" INTEGER NOT NULL DEFAULT 0,
    "past_due_subscriptions" INTEGER NOT NULL DEFAULT 0,
    "cancelled_subscriptions" INTEGER NOT NULL DEFAULT 0,
    "open_invoices" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "billing_tenant_stats_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "billing_tenant_mrr" (
    "tenant_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "interval_months" INTEGER NOT NULL,
    "subscriptions" INTEGER NOT NULL DEFAULT 0,
    "recurring_amount" DECIMAL(30,4) NOT NULL DEFAULT 0,

    CONSTRAINT "billing_tenant_mrr_pkey" PRIMARY KEY ("tenant_id","currency","interval_months")
);

-- CreateTable
CREATE TABLE "billing_tenant_revenue" (
    "tenant_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "paid_invoices" INTEGER NOT NULL DEFAULT 0,
    "amount" DECIMAL(30,4) NOT NULL DEFAULT 0,

    CONSTRAINT "billing_tenant_revenue_pkey" PRIMARY KEY ("tenant_id","month","currency")
);

-- CreateTable
CREATE TABLE "billing_tenant_revenue_totals" (
    "tenant_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "paid_invoices" INTEGER NOT NULL DEFAULT 0,
    "amount" DECIMAL(30,4) NOT NULL DEFAULT 0,

    CONSTRAINT "billing_tenant_revenue_totals_pkey" PRIMARY KEY ("tenant_id","currency")
);

-- CreateIndex
CREATE INDEX "billing_tenant_revenue_month_idx" ON "billing_tenant_revenue"("month");

-- CreateIndex
CREATE INDEX "subscriptions_created_at_idx" ON "subscriptions"("created_at");
