-- Hand-written: machine-client scopes become a closed catalogue (machineScopes in
-- packages/kit/src/identity.ts). Scopes outside it never granted anything, so they are dropped
-- from existing clients (a client left with none keeps working for nothing until revoked), and a
-- CHECK keeps any other value out (Prisma ignores CHECKs, so this is no drift). A scope added to
-- the catalogue needs a migration that widens the CHECK.
SELECT set_config('app.all_tenants', 'on', true);

UPDATE "machine_clients"
SET "scopes" = ARRAY(
  SELECT DISTINCT scope FROM unnest("scopes") AS scope
  WHERE scope IN ('auth:read', 'crm:read', 'crm:write', 'cms:read', 'cms:write', 'billing:read', 'billing:write', 'analytics:read', 'analytics:ingest')
  ORDER BY scope
)
WHERE NOT ("scopes" <@ ARRAY['auth:read', 'crm:read', 'crm:write', 'cms:read', 'cms:write', 'billing:read', 'billing:write', 'analytics:read', 'analytics:ingest']::text[]);

ALTER TABLE "machine_clients" ADD CONSTRAINT "machine_clients_scopes_in_catalogue"
  CHECK ("scopes" <@ ARRAY['auth:read', 'crm:read', 'crm:write', 'cms:read', 'cms:write', 'billing:read', 'billing:write', 'analytics:read', 'analytics:ingest']::text[]);
