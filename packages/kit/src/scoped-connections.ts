import { AsyncLocalStorage } from 'node:async_hooks';
import type { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { isUuid } from './loaders.ts';
import type { DataScope } from './tenant-scope.ts';

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type PgTransaction = Awaited<ReturnType<PgAdapter['startTransaction']>>;
type IsolationLevel = Parameters<PgAdapter['startTransaction']>[0];
type Queryable = Pick<PgAdapter, 'queryRaw' | 'executeRaw' | 'executeScript'>;

/** What the Prisma client of a service is given: the pg adapter's factory with scoped connections. */
export interface ScopedAdapterFactory {
  readonly provider: PrismaPg['provider'];
  readonly adapterName: string;
  connect(): Promise<PgAdapter>;
}

/**
 * What the next `$transaction` opened in this async context is for: a real transaction, or a read
 * session (several reads on one connection, no BEGIN/COMMIT), each under one scope.
 */
interface ConnectionUse {
  scope: DataScope;
  kind: 'transaction' | 'session';
}

const connectionUses = new AsyncLocalStorage<ConnectionUse>();

/**
 * Runs `open` (which opens one Prisma interactive transaction) so that the adapter gives that
 * transaction's connection `scope`. Only `startTransaction` reads it, called in the same async chain.
 */
export const openWithScope = <R>(scope: DataScope, kind: ConnectionUse['kind'], open: () => R): R =>
  connectionUses.run({ scope, kind }, open);

/**
 * The settings row-level security reads, as literal SQL so that they travel with BEGIN in one
 * simple-protocol text: the tenant id is checked to be a uuid and `on`/`off` are constants, so
 * nothing from outside is ever spliced in.
 */
export function scopeSettingsSql(scope: DataScope, local: boolean): string {
  const tenantId = scope.kind === 'tenant' ? scope.tenantId : '';
  if (scope.kind === 'tenant' && !isUuid(tenantId)) throw new Error('A tenant scope needs a uuid tenant id');
  const all = scope.kind === 'allTenants' ? 'on' : 'off';
  return `SELECT set_config('app.tenant_id', '${tenantId}', ${local}), set_config('app.all_tenants', '${all}', ${local})`;
}

const noScope: DataScope = { kind: 'none' };
const isolationLevels = new Set(['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE']);

/** BEGIN and the transaction-local scope in one statement. */
export function beginSql(scope: DataScope, isolationLevel?: string): string {
  if (isolationLevel !== undefined && !isolationLevels.has(isolationLevel))
    throw new Error(`Unsupported isolation level ${isolationLevel}`);
  const begin = isolationLevel ? `BEGIN ISOLATION LEVEL ${isolationLevel}` : 'BEGIN';
  return `${begin}; ${scopeSettingsSql(scope, true)}`;
}

const script = (sql: string) => ({ sql, args: [], argTypes: [] });

/**
 * The pg adapter with every connection's scope set when it is checked out, so that no connection
 * carries one piece of work's tenant into another's:
 * - a transaction starts with one simple-protocol text, `BEGIN; SELECT set_config(…, true)`, with
 *   the scope `openWithScope` gave it, or none (an unscoped transaction sees no tenant rows);
 * - a read session sets the scope for the session (`set_config(…, false)`) at checkout, then runs its
 *   reads without BEGIN/COMMIT; the connection goes back to the pool marked as carrying a scope;
 * - any other statement (raw SQL outside a transaction, scripts) gets a connection whose session
 *   scope is reset first when it carries one.
 * Every checkout thus sets the scope it needs; the mark only spares the reset for clean connections.
 * Queries run through the adapter's own class over the checked-out connection, so Prisma's type
 * mapping and error translation are the adapter's.
 */
export function scopedAdapterFactory(pool: pg.Pool, factory: PrismaPg): ScopedAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => scopedAdapter(pool, await factory.connect()),
  };
}

function scopedAdapter(pool: pg.Pool, adapter: PgAdapter): PgAdapter {
  const OnConnection = adapter.constructor as new (client: pg.PoolClient) => PgAdapter;
  const carriesScope = new WeakSet<pg.PoolClient>();

  async function checkout(settings: string) {
    const connection = await pool.connect();
    const queryable = new OnConnection(connection);
    try {
      // executeRaw without arguments is one simple-protocol message, however many statements it holds.
      await queryable.executeRaw(script(settings));
      return { connection, queryable };
    } catch (error) {
      connection.release(error as Error);
      throw error;
    }
  }

  async function unscoped<R>(work: (queryable: Queryable) => Promise<R>): Promise<R> {
    const connection = await pool.connect();
    const queryable = new OnConnection(connection);
    try {
      if (carriesScope.has(connection)) {
        await queryable.executeRaw(script(scopeSettingsSql(noScope, false)));
        carriesScope.delete(connection);
      }
      return await work(queryable);
    } finally {
      connection.release();
    }
  }

  async function startTransaction(isolationLevel?: IsolationLevel): Promise<PgTransaction> {
    const use = connectionUses.getStore() ?? { scope: noScope, kind: 'transaction' };
    const session = use.kind === 'session';
    const settings = session ? scopeSettingsSql(use.scope, false) : beginSql(use.scope, isolationLevel);
    const { connection, queryable } = await checkout(settings);
    if (session) carriesScope.add(connection);
    const ignoreIdleError = () => undefined;
    connection.on('error', ignoreIdleError);
    const release = async () => {
      connection.removeListener('error', ignoreIdleError);
      connection.release();
    };
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      // A session has no BEGIN, so Prisma must not send COMMIT or ROLLBACK either.
      options: { usePhantomQuery: session },
      queryRaw: (query) => queryable.queryRaw(query),
      executeRaw: (query) => queryable.executeRaw(query),
      commit: release,
      rollback: release,
      createSavepoint: (name) => queryable.executeRaw(script(`SAVEPOINT ${name}`)).then(() => undefined),
      rollbackToSavepoint: (name) =>
        queryable.executeRaw(script(`ROLLBACK TO SAVEPOINT ${name}`)).then(() => undefined),
      releaseSavepoint: (name) => queryable.executeRaw(script(`RELEASE SAVEPOINT ${name}`)).then(() => undefined),
    };
  }

  const scoped = Object.create(adapter) as PgAdapter;
  return Object.assign(scoped, {
    queryRaw: (query: Parameters<PgAdapter['queryRaw']>[0]) => unscoped((queryable) => queryable.queryRaw(query)),
    executeRaw: (query: Parameters<PgAdapter['executeRaw']>[0]) => unscoped((queryable) => queryable.executeRaw(query)),
    executeScript: (text: string) => unscoped((queryable) => queryable.executeScript(text)),
    startTransaction,
  });
}
