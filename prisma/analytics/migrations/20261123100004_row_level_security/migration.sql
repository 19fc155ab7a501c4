-- Hand-written: row-level security, the second wall of tenant isolation (the first is the Prisma
-- extension in packages/kit/src/tenant-scope.ts). Prisma does not model policies, so none of
-- this shows up as drift (see prisma/README.md).
--
-- Every table with a tenant_id shows and accepts only rows of the tenant set for the current
-- transaction (set_config('app.tenant_id', <uuid>, true)), or every row when the transaction
-- explicitly crosses tenants (set_config('app.all_tenants', 'on', true): SUPERADMIN, seeds,
-- system work). Nothing set: nothing visible. Rows with tenant_id NULL (platform rows) match no
-- tenant, so only all_tenants sees them. FORCE applies the policies to the tables' owner too
-- (the services' role owns the tables); only superusers and BYPASSRLS roles skip them, which is
-- why the services must never connect as one. _prisma_migrations has no tenant and no policy.

ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "audit_log"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "dashboards" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "dashboards" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "dashboards"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "events"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "metric_rollups" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "metric_rollups" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "metric_rollups"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');
