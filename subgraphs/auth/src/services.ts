import { allTenants, type SubgraphConfig } from '@codex/kit';
import { scopeAuthDatabase, type AuthDatabase } from './db.ts';
import { loadAuthSettings } from './settings.ts';
import { createSigningKeys } from './signing-keys.ts';

/**
 * What Auth's resolvers and routes share beyond the request context: settings, the signing keys,
 * and the all-tenants client for work that runs before a tenant is known (login, refresh,
 * reset and client-credential tokens, key verification, revocations).
 */
export function createAuthServices(db: AuthDatabase, config: SubgraphConfig) {
  const settings = loadAuthSettings(config);
  const system = scopeAuthDatabase(db, allTenants);
  return { settings, system, keys: createSigningKeys(system, settings) };
}
export type AuthServices = ReturnType<typeof createAuthServices>;
