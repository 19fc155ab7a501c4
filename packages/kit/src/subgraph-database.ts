import { createDatabaseAdapter, type DatabasePoolOptions } from './database-pool.ts';
import { registerPlainReads } from './plain-reads.ts';
import type { ScopedAdapterFactory } from './scoped-connections.ts';
import { type DataScope, type ScopableClient, scopeDatabase, type TenantKeys } from './tenant-scope.ts';

/**
 * A subgraph's database from its generated Prisma client class and tenant keys: `create` is the only
 * place that builds the client (driver adapter, no native engine; its simple reads run as plain SQL, see plain-reads.ts), `scope` narrows it to one scope
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
    create: (databaseUrl: string, pool?: DatabasePoolOptions): C => {
      const adapter = createDatabaseAdapter(databaseUrl, pool);
      const client = new Client({ adapter, transactionOptions: pool?.transactions });
      registerPlainReads(client, adapter.pool);
      return client;
    },
    scope: (db: C, scope: DataScope): C => scopeDatabase(db, scope, tenantKeys),
  };
}
