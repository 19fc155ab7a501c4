-- Hand-written: CHECKs Prisma cannot model (so they never show up as drift; see prisma/README.md).
-- The domain functions refuse the same values first, with a field path; these hold whatever writes.

-- A page is never its own parent (deeper cycles are refused by movePage under a per-tenant lock).
ALTER TABLE "pages" ADD CONSTRAINT "pages_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id");
ALTER TABLE "pages" ADD CONSTRAINT "pages_sort_order_non_negative" CHECK ("sort_order" >= 0);

ALTER TABLE "content_items" ADD CONSTRAINT "content_items_version_positive" CHECK ("version" >= 1);
-- Only a published or archived item has a publication time.
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_draft_unpublished" CHECK ("status" <> 'DRAFT' OR "published_at" IS NULL);
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_version_positive" CHECK ("version" >= 1);

-- A type's field list is a JSON array; an item's data a JSON object.
ALTER TABLE "content_types" ADD CONSTRAINT "content_types_fields_is_array" CHECK (jsonb_typeof("fields") = 'array');
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_data_is_object" CHECK (jsonb_typeof("data") = 'object');

ALTER TABLE "media_files" ADD CONSTRAINT "media_files_size_non_negative" CHECK ("size" >= 0);
