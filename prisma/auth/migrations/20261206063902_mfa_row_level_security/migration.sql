-- Hand-written: row-level security on the MFA tables (see 20261123100000_row_level_security).

ALTER TABLE "mfa_recovery_codes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "mfa_recovery_codes" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "mfa_recovery_codes"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "mfa_challenges" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "mfa_challenges" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "mfa_challenges"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');
