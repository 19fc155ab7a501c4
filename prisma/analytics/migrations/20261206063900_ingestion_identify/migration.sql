-- AlterTable
ALTER TABLE "events" ADD COLUMN     "anonymous_id" VARCHAR(200);

-- CreateTable
CREATE TABLE "person_aliases" (
    "tenant_id" UUID NOT NULL,
    "anonymous_id" VARCHAR(200) NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_aliases_pkey" PRIMARY KEY ("tenant_id","anonymous_id")
);

-- CreateTable
CREATE TABLE "ingestion_settings" (
    "tenant_id" UUID NOT NULL,
    "allowed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingestion_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- Hand-written: row-level security on the two new tenant tables, as on every other one.
ALTER TABLE "person_aliases" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "person_aliases" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "person_aliases"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "ingestion_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ingestion_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ingestion_settings"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');
