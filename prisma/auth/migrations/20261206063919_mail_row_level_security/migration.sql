-- Hand-written: row-level security on the tables of invitations, e-mail verification and the mail
-- outbox, as on every tenant-owned table (see 20261123100000_row_level_security).

ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "invitations"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "email_verification_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "email_verification_tokens" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "email_verification_tokens"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "mail_outbox" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "mail_outbox"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');
