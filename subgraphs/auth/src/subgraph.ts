import { readTypeDefs, type SubgraphModule } from '@codex/kit';
import packageJson from '../package.json' with { type: 'json' };
import { createAuthContext, type AuthContext } from './context.ts';
import { createAuthDatabase, type AuthDatabase } from './db.ts';
import { resolvers } from './resolvers/index.ts';
import { seedAuthDemo } from './seed.ts';

export const authSubgraph: SubgraphModule<AuthDatabase, AuthContext> = {
  service: 'auth',
  version: packageJson.version,
  migrationsDir: new URL('../../../prisma/auth/migrations', import.meta.url).pathname,
  createDatabase: createAuthDatabase,
  seedDemo: seedAuthDemo,
  define: (db) => ({
    typeDefs: readTypeDefs(new URL('../../../schema/auth.graphql', import.meta.url)),
    resolvers,
    createContext: (base) => createAuthContext(base, db),
  }),
};
