import { createDatabaseAdapter, type DatabasePoolOptions } from './database-pool.ts';
import type { ScopedAdapterFactory } from './scoped-connections.ts';
import { type DataScope, type ScopableClient, scopeDatabase, type TenantKeys } from './tenant-scope.ts';

/**
 * A subgraph's database from its generated Prisma client class and tenant keys: `create` is the only
 * place that builds the client (driver adapter, no native engine), `scope` narrows it to one scope
 * (see scopeDatabase).
 */
export function defineDatabase<C extends ScopableClient>(
  Client: new (options: {
    adapter: ScopedAdapterFactory;
    transactionOptions?: DatabasePoolOptions['transactions'];
  }) => C,
  tenantKeys: TenantKeys,
) {
  return {
    create: (databaseUrl: string, pool?: DatabasePoolOptions): C =>
      new Client({ adapter: createDatabaseAdapter(databaseUrl, pool), transactionOptions: pool?.transactions }),
    scope: (db: C, scope: DataScope): C => scopeDatabase(db, scope, tenantKeys),
  };
}
