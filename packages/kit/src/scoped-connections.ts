import type { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { isUuid } from './loaders.ts';

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type PgTransaction = Awaited<ReturnType<PgAdapter['startTransaction']>>;
type IsolationLevel = Parameters<PgAdapter['startTransaction']>[0];
type SqlQuery = Parameters<PgAdapter['queryRaw']>[0];
type Queryable = Pick<PgAdapter, 'queryRaw' | 'executeRaw' | 'executeScript'>;

/** What the Prisma client of a service is given: the pg adapter's factory with scoped connections. */
export interface ScopedAdapterFactory {
  readonly provider: PrismaPg['provider'];
  readonly adapterName: string;
  /** The pool the adapter's connections come from (plain reads take theirs from it too). */
  readonly pool: pg.Pool;
  connect(): Promise<PgAdapter>;
}

/**
 * The first statement of an interactive transaction that sets its scope for row-level security
 * ($1 the tenant id or '', $2 `on` for every tenant). Run as is, it sets the settings for the
 * transaction; the scoped adapter sends it together with BEGIN instead, in one statement.
 */
export const transactionScopeSql = `SELECT set_config('app.tenant_id', $1::text, true), set_config('app.all_tenants', $2::text, true)`;

/**
 * The same for a read session: the scoped adapter then sets the scope for the connection once and
 * sends neither BEGIN nor COMMIT. Run as is (by any other adapter) it is the transaction's statement.
 */
export const sessionScopeSql = `${transactionScopeSql} -- read session`;

interface ScopeValues {
  tenantId: string;
  allTenants: 'on' | 'off';
}

const noScope: ScopeValues = { tenantId: '', allTenants: 'off' };

/** The settings a scope statement was given, checked: a uuid (or none) and on/off, nothing else. */
function scopeValuesOf(args: readonly unknown[]): ScopeValues {
  const [tenantId, allTenants] = args;
  if (typeof tenantId !== 'string' || (tenantId !== '' && !isUuid(tenantId)))
    throw new Error('A tenant scope needs a uuid tenant id');
  if (allTenants !== 'on' && allTenants !== 'off') throw new Error('app.all_tenants is on or off');
  return { tenantId, allTenants };
}

/** The scope statements' two arguments, checked as `scopeValuesOf` checks them. */
export function checkedScopeArgs(args: readonly unknown[]): [string, string] {
  const { tenantId, allTenants } = scopeValuesOf(args);
  return [tenantId, allTenants];
}

/**
 * The settings as literal SQL, so that they travel with BEGIN in one simple-protocol text: the
 * values were checked by `scopeValuesOf`, so nothing from outside is ever spliced in.
 */
function settingsSql({ tenantId, allTenants }: ScopeValues, local: boolean): string {
  return `SELECT set_config('app.tenant_id', '${tenantId}', ${local}), set_config('app.all_tenants', '${allTenants}', ${local})`;
}

/**
 * The session scope each pooled connection carries, as `scopeKey`: set when a read session set it,
 * `unknown` while a scope statement is under way (or failed), absent when it never carried one.
 * Every read session still sends its scope: skipping a scope the connection already carries saves a
 * round trip, but then a request's statement count depends on which connection it got, and the
 * query-count tests compare counts exactly.
 */
const carriedScopes = new WeakMap<pg.ClientBase, string>();
const unknownScope = 'unknown';
const scopeKey = ({ tenantId, allTenants }: ScopeValues) => `${tenantId}/${allTenants}`;

/** Gives `connection` the session scope `scope` (one statement). */
async function carryScope(connection: pg.ClientBase, scope: ScopeValues, send: (sql: string) => Promise<unknown>) {
  carriedScopes.set(connection, unknownScope);
  await send(settingsSql(scope, false));
  carriedScopes.set(connection, scopeKey(scope));
}

/** Takes the scope off `connection` before work that must run without one (nothing to do if it never carried one). */
async function dropScope(connection: pg.ClientBase, send: (sql: string) => Promise<unknown>) {
  const carried = carriedScopes.get(connection);
  if (carried === undefined || carried === scopeKey(noScope)) return;
  await carryScope(connection, noScope, send);
}

/**
 * Runs `work` on a pooled connection that carries the session scope ($1 tenant id or '', $2
 * `on`/`off`, checked as for `sessionScopeSql`), for plain SQL reads outside Prisma: RLS sees the
 * same settings as in a Prisma read session.
 */
export async function withSessionConnection<R>(
  pool: pg.Pool,
  scopeArgs: readonly [string, string],
  work: (connection: pg.PoolClient) => Promise<R>,
): Promise<R> {
  const scope = scopeValuesOf(scopeArgs);
  const connection = await pool.connect();
  const ignoreIdleError = () => undefined;
  connection.on('error', ignoreIdleError);
  let broken: Error | undefined;
  try {
    await carryScope(connection, scope, (sql) => connection.query(sql));
    return await work(connection);
  } catch (error) {
    // An error without SQLSTATE is the connection's own: it must not go back to the pool.
    if (!(error as { code?: unknown }).code) broken = error as Error;
    throw error;
  } finally {
    connection.removeListener('error', ignoreIdleError);
    connection.release(broken);
  }
}

const isolationLevels = new Set(['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE']);

function beginSql(scope: ScopeValues, isolationLevel: IsolationLevel | undefined): string {
  if (isolationLevel !== undefined && !isolationLevels.has(isolationLevel))
    throw new Error(`Unsupported isolation level ${isolationLevel}`);
  return `${isolationLevel ? `BEGIN ISOLATION LEVEL ${isolationLevel}` : 'BEGIN'}; ${settingsSql(scope, true)}`;
}

/** A text without arguments: one simple-protocol message, however many statements it holds. */
const script = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });
const ends = (query: SqlQuery) => query.sql === 'COMMIT' || query.sql === 'ROLLBACK';

/**
 * The pg adapter with every connection's scope set when its work starts, so that no connection
 * carries one piece of work's tenant into another's:
 * - a transaction's first statement goes with BEGIN in one text: its scope statement
 *   (`transactionScopeSql`), or, when it starts with anything else, no tenant (an interactive
 *   transaction opened without a scope sees no tenant rows);
 * - a read session (first statement `sessionScopeSql`) sets the scope for the connection and runs
 *   its reads without BEGIN/COMMIT; the connection goes back to the pool marked as carrying a scope;
 * - a statement outside any transaction gets a connection whose carried scope is reset first.
 * Queries run through the adapter's own class over the checked-out connection, so Prisma's type
 * mapping and error translation are the adapter's.
 */
export function scopedAdapterFactory(pool: pg.Pool, factory: PrismaPg): ScopedAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    pool,
    connect: async () => scopedAdapter(pool, await factory.connect()),
  };
}

function scopedAdapter(pool: pg.Pool, adapter: PgAdapter): PgAdapter {
  const OnConnection = adapter.constructor as new (client: pg.PoolClient) => PgAdapter;

  async function unscoped<R>(work: (queryable: Queryable) => Promise<R>): Promise<R> {
    const connection = await pool.connect();
    const queryable = new OnConnection(connection);
    try {
      await dropScope(connection, (sql) => queryable.executeRaw(script(sql)));
      return await work(queryable);
    } finally {
      connection.release();
    }
  }

  async function startTransaction(isolationLevel?: IsolationLevel): Promise<PgTransaction> {
    const connection = await pool.connect();
    const queryable = new OnConnection(connection);
    const options = { usePhantomQuery: false };
    let opened: Promise<'transaction' | 'session'> | undefined;

    /** Sends BEGIN or the session's scope with the first statement; true when that statement is done by it. */
    async function open(query: SqlQuery): Promise<boolean> {
      if (query.sql === sessionScopeSql) {
        const send = (sql: string) => queryable.executeRaw(script(sql));
        opened = carryScope(connection, scopeValuesOf(query.args), send).then(() => {
          // A session has no BEGIN, so Prisma must not send COMMIT or ROLLBACK either.
          options.usePhantomQuery = true;
          return 'session' as const;
        });
      } else {
        const scope = query.sql === transactionScopeSql ? scopeValuesOf(query.args) : noScope;
        opened = queryable.executeRaw(script(beginSql(scope, isolationLevel))).then(() => 'transaction' as const);
      }
      await opened;
      return query.sql === sessionScopeSql || query.sql === transactionScopeSql;
    }

    async function run<R>(query: SqlQuery, send: () => Promise<R>, done: R): Promise<R> {
      if (!opened) {
        if (ends(query)) return done;
        if (await open(query)) return done;
        return send();
      }
      // After a failed opening ROLLBACK is still sent: BEGIN may have run before the scope failed.
      const kind = await opened.catch(() => 'failed' as const);
      if (kind === 'session' && ends(query)) return done;
      return send();
    }

    const ignoreIdleError = () => undefined;
    connection.on('error', ignoreIdleError);
    const release = async () => {
      connection.removeListener('error', ignoreIdleError);
      connection.release();
    };
    const emptyResult = { columnNames: [], columnTypes: [], rows: [] };
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options,
      queryRaw: (query) => run(query, () => queryable.queryRaw(query), emptyResult),
      executeRaw: (query) => run(query, () => queryable.executeRaw(query), 0),
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
    queryRaw: (query: SqlQuery) => unscoped((queryable) => queryable.queryRaw(query)),
    executeRaw: (query: SqlQuery) => unscoped((queryable) => queryable.executeRaw(query)),
    executeScript: (text: string) => unscoped((queryable) => queryable.executeScript(text)),
    startTransaction,
  });
}
