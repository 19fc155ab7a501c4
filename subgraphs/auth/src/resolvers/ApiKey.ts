import { machineScopeNameOf } from '@codex/kit';
import type { ApiKeyResolvers } from '../generated/graphql.ts';

/** Rows keep scopes in token form (`analytics:ingest`); the API shows enum names (`ANALYTICS_INGEST`). */
export const ApiKey: ApiKeyResolvers = {
  scopes: (key) => key.scopes.map(machineScopeNameOf),
};
