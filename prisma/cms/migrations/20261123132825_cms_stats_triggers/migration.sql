-- Hand-written: the triggers that keep cms_tenant_stats and cms_daily_content in step with
-- content_items, media_files and pages, in the writing transaction (so a summary read right after
-- a write shows it, whatever made the write: the API, raw SQL or a seed), and
-- cms_rebuild_tenant_stats(), which recomputes both tables from the base tables after a bulk load
-- made with the triggers disabled (ALTER TABLE ... DISABLE TRIGGER USER, COPY, ENABLE, rebuild).
-- Prisma does not model functions, triggers or policies, so none of this shows up as drift.
--
-- The trigger functions run as the caller (no SECURITY DEFINER): the transaction already carries
-- the tenant scope, and the row they touch is the written row's tenant, so row-level security
-- accepts the write.

SELECT set_config('app.all_tenants', 'on', true);

ALTER TABLE "cms_tenant_stats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "cms_tenant_stats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "cms_tenant_stats"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "cms_daily_content" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "cms_daily_content" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "cms_daily_content"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

-- Adds deltas to one tenant's counters, creating its row on first use.
CREATE FUNCTION cms_add_tenant_stats(
  p_tenant_id uuid, p_items integer, p_draft integer, p_published integer, p_archived integer,
  p_media integer, p_media_bytes bigint, p_pages integer, p_published_pages integer
) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cms_tenant_stats AS s (tenant_id, content_items, draft_content_items, published_content_items,
    archived_content_items, media_files, media_bytes, pages, published_pages)
  VALUES (p_tenant_id, p_items, p_draft, p_published, p_archived, p_media, p_media_bytes, p_pages, p_published_pages)
  ON CONFLICT (tenant_id) DO UPDATE SET
    content_items = s.content_items + EXCLUDED.content_items,
    draft_content_items = s.draft_content_items + EXCLUDED.draft_content_items,
    published_content_items = s.published_content_items + EXCLUDED.published_content_items,
    archived_content_items = s.archived_content_items + EXCLUDED.archived_content_items,
    media_files = s.media_files + EXCLUDED.media_files,
    media_bytes = s.media_bytes + EXCLUDED.media_bytes,
    pages = s.pages + EXCLUDED.pages,
    published_pages = s.published_pages + EXCLUDED.published_pages;
$$;

-- Adds a delta to one tenant's items of one UTC day; a day back at zero loses its row, so the
-- table holds exactly what cms_rebuild_tenant_stats() would write.
CREATE FUNCTION cms_add_daily_content(p_tenant_id uuid, p_created_at timestamptz, p_delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_day date := (p_created_at AT TIME ZONE 'UTC')::date;
BEGIN
  INSERT INTO cms_daily_content AS d (tenant_id, day, created_items) VALUES (p_tenant_id, v_day, p_delta)
  ON CONFLICT (tenant_id, day) DO UPDATE SET created_items = d.created_items + EXCLUDED.created_items;
  IF p_delta < 0 THEN
    DELETE FROM cms_daily_content WHERE tenant_id = p_tenant_id AND day = v_day AND created_items = 0;
  END IF;
END;
$$;

-- One content item counted (p_sign 1) or uncounted (-1) in its tenant's counters and day.
CREATE FUNCTION cms_count_content_item(p_item content_items, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cms_add_tenant_stats(p_item.tenant_id, p_sign,
    p_sign * (p_item.status = 'DRAFT')::integer, p_sign * (p_item.status = 'PUBLISHED')::integer,
    p_sign * (p_item.status = 'ARCHIVED')::integer, 0, 0, 0, 0);
  PERFORM cms_add_daily_content(p_item.tenant_id, p_item.created_at, p_sign);
END;
$$;

CREATE FUNCTION cms_content_items_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (title, data, seo) move no figure: leave the counters (and their row lock) alone.
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.created_at = NEW.created_at AND OLD.tenant_id = NEW.tenant_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM cms_count_content_item(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cms_count_content_item(NEW, 1); END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION cms_media_files_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.size = NEW.size AND OLD.tenant_id = NEW.tenant_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM cms_add_tenant_stats(OLD.tenant_id, 0, 0, 0, 0, -1, -OLD.size, 0, 0); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cms_add_tenant_stats(NEW.tenant_id, 0, 0, 0, 0, 1, NEW.size, 0, 0); END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION cms_pages_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.tenant_id = NEW.tenant_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM cms_add_tenant_stats(OLD.tenant_id, 0, 0, 0, 0, 0, 0, -1, -(OLD.status = 'PUBLISHED')::integer);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cms_add_tenant_stats(NEW.tenant_id, 0, 0, 0, 0, 0, 0, 1, (NEW.status = 'PUBLISHED')::integer);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "content_items_tenant_stats" AFTER INSERT OR UPDATE OR DELETE ON "content_items"
  FOR EACH ROW EXECUTE FUNCTION cms_content_items_stats();
CREATE TRIGGER "media_files_tenant_stats" AFTER INSERT OR UPDATE OR DELETE ON "media_files"
  FOR EACH ROW EXECUTE FUNCTION cms_media_files_stats();
CREATE TRIGGER "pages_tenant_stats" AFTER INSERT OR UPDATE OR DELETE ON "pages"
  FOR EACH ROW EXECUTE FUNCTION cms_pages_stats();

-- Recomputes both stats tables from the base tables in one go. Runs as the caller and under its
-- row-level security: call it with app.all_tenants on (as below) to rebuild every tenant.
CREATE FUNCTION cms_rebuild_tenant_stats() RETURNS void LANGUAGE sql AS $$
  DELETE FROM cms_tenant_stats;
  INSERT INTO cms_tenant_stats (tenant_id, content_items, draft_content_items, published_content_items,
    archived_content_items, media_files, media_bytes, pages, published_pages)
  SELECT tenant_id, sum(items), sum(draft), sum(published), sum(archived), sum(media), sum(media_bytes), sum(pages), sum(published_pages)
  FROM (
    SELECT tenant_id, count(*) AS items, count(*) FILTER (WHERE status = 'DRAFT') AS draft,
      count(*) FILTER (WHERE status = 'PUBLISHED') AS published, count(*) FILTER (WHERE status = 'ARCHIVED') AS archived,
      0 AS media, 0::numeric AS media_bytes, 0 AS pages, 0 AS published_pages
    FROM content_items GROUP BY tenant_id
    UNION ALL
    SELECT tenant_id, 0, 0, 0, 0, count(*), sum(size), 0, 0 FROM media_files GROUP BY tenant_id
    UNION ALL
    SELECT tenant_id, 0, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE status = 'PUBLISHED') FROM pages GROUP BY tenant_id
  ) AS parts
  GROUP BY tenant_id;
  DELETE FROM cms_daily_content;
  INSERT INTO cms_daily_content (tenant_id, day, created_items)
  SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date, count(*) FROM content_items GROUP BY 1, 2;
$$;

-- Existing rows (demo seeds, earlier writes) get their figures now.
SELECT cms_rebuild_tenant_stats();
