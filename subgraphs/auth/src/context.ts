import { createSubgraphContext, type RequestContext, type SubgraphContext } from '@codex/kit';
import { scopeAuthDatabase, type AuthDatabase } from './db.ts';
import { createAuthLoaders, type AuthLoaders } from './loaders.ts';
import type { AuthServices } from './services.ts';

/** The request, its scoped database and loaders, and Auth's services (keys, settings, the system client). */
export type AuthContext = SubgraphContext<AuthDatabase, AuthLoaders> & { services: AuthServices };

export const createAuthContext = (base: RequestContext, db: AuthDatabase, services: AuthServices): AuthContext =>
  createSubgraphContext(base, { database: db, scope: scopeAuthDatabase, loaders: createAuthLoaders }, { services });
