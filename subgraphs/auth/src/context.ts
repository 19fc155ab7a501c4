import type { RequestContext } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { createAuthLoaders, type AuthLoaders } from './loaders.ts';

export interface AuthContext extends RequestContext {
  db: AuthDatabase;
  loaders: AuthLoaders;
}

export const createAuthContext = (base: RequestContext, db: AuthDatabase): AuthContext => ({
  ...base,
  db,
  loaders: createAuthLoaders(db),
});
