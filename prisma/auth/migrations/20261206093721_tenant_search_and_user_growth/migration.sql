-- Trigram indexes for the tenants search (ILIKE %…%); pg_trgm is a trusted extension, so the
-- database owner that runs migrations may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "tenants_name_id_idx" ON "tenants"("name", "id");

-- CreateIndex
CREATE INDEX "tenants_name_trgm_idx" ON "tenants" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "tenants_slug_trgm_idx" ON "tenants" USING GIN ("slug" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_created_at_idx" ON "users"("created_at");
