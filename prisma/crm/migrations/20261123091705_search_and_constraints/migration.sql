-- Hand-written: what schema.prisma cannot express. Prisma does not model triggers, partial
-- indexes or CHECK constraints, so none of this shows up as drift (see prisma/README.md).

-- Full-text search: customers.search_vector is kept up to date by a trigger (a GENERATED column
-- would be reported by Prisma as a default to drop). 'simple' config: names and emails are not
-- natural-language words.
CREATE FUNCTION "customers_search_vector_refresh"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_vector" :=
    setweight(to_tsvector('simple', coalesce(NEW."first_name", '') || ' ' || coalesce(NEW."last_name", '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(NEW."email", '') || ' ' || coalesce(NEW."company", '')), 'B') ||
    setweight(to_tsvector('simple', coalesce(NEW."phone", '') || ' ' || array_to_string(NEW."tags", ' ')), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER "customers_search_vector_refresh"
BEFORE INSERT OR UPDATE OF "first_name", "last_name", "email", "company", "phone", "tags" ON "customers"
FOR EACH ROW EXECUTE FUNCTION "customers_search_vector_refresh"();

-- At most one default pipeline per tenant.
CREATE UNIQUE INDEX "pipelines_one_default_per_tenant" ON "pipelines"("tenant_id") WHERE "is_default";

-- Probabilities are percentages; money is never negative.
ALTER TABLE "leads" ADD CONSTRAINT "leads_probability_range" CHECK ("probability" BETWEEN 0 AND 100);
ALTER TABLE "leads" ADD CONSTRAINT "leads_value_not_negative" CHECK ("value" >= 0);
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_probability_range" CHECK ("probability" BETWEEN 0 AND 100);
