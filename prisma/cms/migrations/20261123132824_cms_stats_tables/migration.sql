-- CreateTable
CREATE TABLE "cms_tenant_stats" (
    "tenant_id" UUID NOT NULL,
    "content_items" INTEGER NOT NULL DEFAULT 0,
    "draft_content_items" INTEGER NOT NULL DEFAULT 0,
    "published_content_items" INTEGER NOT NULL DEFAULT 0,
    "archived_content_items" INTEGER NOT NULL DEFAULT 0,
    "media_files" INTEGER NOT NULL DEFAULT 0,
    "media_bytes" BIGINT NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "published_pages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "cms_tenant_stats_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "cms_daily_content" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "created_items" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "cms_daily_content_pkey" PRIMARY KEY ("tenant_id","day")
);

-- CreateIndex
CREATE INDEX "cms_daily_content_day_idx" ON "cms_daily_content"("day");
