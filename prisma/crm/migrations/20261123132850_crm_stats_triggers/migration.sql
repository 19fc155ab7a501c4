-- Hand-written: the CRM stats tables (crm_tenant_stats, crm_lead_stats) kept by triggers in the
-- transaction of every write to customers and leads, whoever writes (API, raw SQL, seeds), and a
-- function that recomputes them from the base tables. Prisma models neither triggers nor
-- functions nor policies, so none of this shows up as drift (see prisma/README.md).
--
-- The trigger functions run as the caller: the writing transaction already carries its tenant
-- (app.tenant_id) or all_tenants, so row-level security lets it write that tenant's stats row.

ALTER TABLE "crm_tenant_stats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm_tenant_stats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "crm_tenant_stats"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "crm_lead_stats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm_lead_stats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "crm_lead_stats"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

-- Adds `delta` customers to a tenant's counter; a counter back at zero is removed, so the table
-- always equals what crm_rebuild_tenant_stats() computes.
CREATE FUNCTION "crm_tenant_stats_add_customers"(p_tenant uuid, p_delta integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE remaining integer;
BEGIN
  INSERT INTO "crm_tenant_stats" AS s ("tenant_id", "customers") VALUES (p_tenant, p_delta)
  ON CONFLICT ("tenant_id") DO UPDATE SET "customers" = s."customers" + EXCLUDED."customers"
  RETURNING s."customers" INTO remaining;
  IF remaining = 0 THEN
    DELETE FROM "crm_tenant_stats" WHERE "tenant_id" = p_tenant AND "customers" = 0;
  END IF;
END
$$;

CREATE FUNCTION "crm_customers_stats_refresh"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "crm_tenant_stats_add_customers"(NEW."tenant_id", 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "crm_tenant_stats_add_customers"(OLD."tenant_id", -1);
  ELSIF OLD."tenant_id" IS DISTINCT FROM NEW."tenant_id" THEN
    PERFORM "crm_tenant_stats_add_customers"(OLD."tenant_id", -1);
    PERFORM "crm_tenant_stats_add_customers"(NEW."tenant_id", 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "crm_customers_stats_refresh"
AFTER INSERT OR DELETE OR UPDATE OF "tenant_id" ON "customers"
FOR EACH ROW EXECUTE FUNCTION "crm_customers_stats_refresh"();

-- Adds (p_sign = 1) or removes (p_sign = -1) one lead's contribution to its stats row; a row back
-- at zero leads is removed.
CREATE FUNCTION "crm_lead_stats_apply"(p_tenant uuid, p_status "lead_status", p_stage uuid, p_currency char(3), p_sign integer, p_value numeric, p_probability integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE remaining integer;
BEGIN
  INSERT INTO "crm_lead_stats" AS s ("tenant_id", "status", "stage_id", "currency", "leads", "value", "weighted_value", "probability_sum")
  VALUES (p_tenant, p_status, p_stage, p_currency, p_sign, p_sign * p_value, p_sign * p_value * p_probability, p_sign * p_probability)
  ON CONFLICT ("tenant_id", "status", "stage_id", "currency") DO UPDATE SET
    "leads" = s."leads" + EXCLUDED."leads",
    "value" = s."value" + EXCLUDED."value",
    "weighted_value" = s."weighted_value" + EXCLUDED."weighted_value",
    "probability_sum" = s."probability_sum" + EXCLUDED."probability_sum"
  RETURNING s."leads" INTO remaining;
  IF remaining = 0 THEN
    DELETE FROM "crm_lead_stats"
    WHERE ("tenant_id", "status", "stage_id", "currency") = (p_tenant, p_status, p_stage, p_currency) AND "leads" = 0;
  END IF;
END
$$;

CREATE FUNCTION "crm_leads_stats_refresh"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "crm_lead_stats_apply"(NEW."tenant_id", NEW."status", NEW."stage_id", NEW."currency", 1, NEW."value", NEW."probability");
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "crm_lead_stats_apply"(OLD."tenant_id", OLD."status", OLD."stage_id", OLD."currency", -1, OLD."value", OLD."probability");
  ELSIF (OLD."tenant_id", OLD."status", OLD."stage_id", OLD."currency", OLD."value", OLD."probability")
        IS DISTINCT FROM (NEW."tenant_id", NEW."status", NEW."stage_id", NEW."currency", NEW."value", NEW."probability") THEN
    -- Both rows in key order, so two transactions moving leads between the same two rows in
    -- opposite directions lock them in the same order (no deadlock).
    IF (OLD."tenant_id", OLD."status", OLD."stage_id", OLD."currency") <= (NEW."tenant_id", NEW."status", NEW."stage_id", NEW."currency") THEN
      PERFORM "crm_lead_stats_apply"(OLD."tenant_id", OLD."status", OLD."stage_id", OLD."currency", -1, OLD."value", OLD."probability");
      PERFORM "crm_lead_stats_apply"(NEW."tenant_id", NEW."status", NEW."stage_id", NEW."currency", 1, NEW."value", NEW."probability");
    ELSE
      PERFORM "crm_lead_stats_apply"(NEW."tenant_id", NEW."status", NEW."stage_id", NEW."currency", 1, NEW."value", NEW."probability");
      PERFORM "crm_lead_stats_apply"(OLD."tenant_id", OLD."status", OLD."stage_id", OLD."currency", -1, OLD."value", OLD."probability");
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "crm_leads_stats_refresh"
AFTER INSERT OR DELETE OR UPDATE OF "tenant_id", "status", "stage_id", "currency", "value", "probability" ON "leads"
FOR EACH ROW EXECUTE FUNCTION "crm_leads_stats_refresh"();

-- Recomputes every stats row from the base tables in one go: for bulk loads made with the triggers
-- disabled (ALTER TABLE ... DISABLE TRIGGER USER, COPY, ENABLE, then this). It crosses tenants
-- for its own work only and gives the transaction its previous all_tenants setting back.
CREATE FUNCTION "crm_rebuild_tenant_stats"() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE previous text := coalesce(current_setting('app.all_tenants', true), '');
BEGIN
  PERFORM set_config('app.all_tenants', 'on', true);
  DELETE FROM "crm_tenant_stats";
  INSERT INTO "crm_tenant_stats" ("tenant_id", "customers")
  SELECT "tenant_id", count(*) FROM "customers" GROUP BY "tenant_id";
  DELETE FROM "crm_lead_stats";
  INSERT INTO "crm_lead_stats" ("tenant_id", "status", "stage_id", "currency", "leads", "value", "weighted_value", "probability_sum")
  SELECT "tenant_id", "status", "stage_id", "currency", count(*), sum("value"), sum("value" * "probability"), sum("probability")
  FROM "leads" GROUP BY "tenant_id", "status", "stage_id", "currency";
  PERFORM set_config('app.all_tenants', previous, true);
END
$$;

-- Existing rows (demo seeds of an existing database) get their stats now.
SELECT "crm_rebuild_tenant_stats"();
