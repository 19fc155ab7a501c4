-- DropForeignKey
ALTER TABLE "content_items" DROP CONSTRAINT "content_items_content_type_id_fkey";

-- DropForeignKey
ALTER TABLE "content_revisions" DROP CONSTRAINT "content_revisions_content_item_id_fkey";

-- DropForeignKey
ALTER TABLE "pages" DROP CONSTRAINT "pages_parent_id_fkey";

-- AlterTable
ALTER TABLE "content_revisions" ADD COLUMN     "slug" TEXT;

-- AlterTable
ALTER TABLE "content_types" ADD COLUMN     "fields" JSONB NOT NULL DEFAULT '[]';

-- Hand-written data step: existing types described their items with a JSON Schema; carry its
-- properties over as field definitions (string → TEXT, number/integer → NUMBER, boolean → BOOLEAN,
-- anything else → JSON), then drop it. Row-level security is forced on the owner too, hence all_tenants.
SELECT set_config('app.all_tenants', 'on', true);
UPDATE "content_types" SET "fields" = COALESCE((
  SELECT jsonb_agg(jsonb_build_object(
    'name', property.key,
    'label', property.key,
    'type', CASE property.value->>'type' WHEN 'string' THEN 'TEXT' WHEN 'number' THEN 'NUMBER' WHEN 'integer' THEN 'NUMBER' WHEN 'boolean' THEN 'BOOLEAN' ELSE 'JSON' END,
    'required', COALESCE("field_schema"->'required' ? property.key, false)
  ) ORDER BY property.key)
  FROM jsonb_each(CASE WHEN jsonb_typeof("field_schema"->'properties') = 'object' THEN "field_schema"->'properties' ELSE '{}'::jsonb END) AS property
), '[]'::jsonb);
ALTER TABLE "content_types" DROP COLUMN "field_schema";

-- Hand-written data step: a revision now keeps the state an item had BEFORE a change, so an item at
-- version n has revisions 1..n-1 only. Older demo data also kept the current version: drop those.
DELETE FROM "content_revisions" AS revision USING "content_items" AS item
  WHERE revision."content_item_id" = item."id" AND revision."version" >= item."version";

-- AlterTable
ALTER TABLE "media_files" ADD COLUMN     "sha256" TEXT,
ALTER COLUMN "url" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "content_items_tenant_id_updated_at_id_idx" ON "content_items"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "content_items_tenant_id_title_id_idx" ON "content_items"("tenant_id", "title", "id");

-- CreateIndex
CREATE UNIQUE INDEX "content_items_tenant_id_id_key" ON "content_items"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "content_types_tenant_id_id_key" ON "content_types"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "media_files_tenant_id_name_id_idx" ON "media_files"("tenant_id", "name", "id");

-- CreateIndex
CREATE UNIQUE INDEX "pages_tenant_id_id_key" ON "pages"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_tenant_id_content_type_id_fkey" FOREIGN KEY ("tenant_id", "content_type_id") REFERENCES "content_types"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_tenant_id_content_item_id_fkey" FOREIGN KEY ("tenant_id", "content_item_id") REFERENCES "content_items"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pages" ADD CONSTRAINT "pages_tenant_id_parent_id_fkey" FOREIGN KEY ("tenant_id", "parent_id") REFERENCES "pages"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
