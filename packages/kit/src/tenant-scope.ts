import { apiError, ErrorCode } from './errors.ts';
import type { Identity } from './identity.ts';
import { type PlainModels, type PlainRead, type PlainReads, plainReadsOf, plainTypes } from './plain-reads.ts';
import { runReadPipeline } from './read-pipeline.ts';
import { checkedScopeArgs, sessionScopeSql, transactionScopeSql } from './scoped-connections.ts';
import pg from 'pg';

/**
 * Which rows a piece of work may touch. `tenant`: one tenant's rows; `allTenants`: every row, said
 * explicitly (SUPERADMIN, seeds, system work); `none`: an anonymous caller, who sees nothing.
 */
export type DataScope = { kind: 'tenant'; tenantId: string } | { kind: 'allTenants' } | { kind: 'none' };

export const allTenants: DataScope = { kind: 'allTenants' };

export function dataScopeFor(identity: Identity | null): DataScope {
  if (identity === null) return { kind: 'none' };
  if (identity.role === 'SUPERADMIN') return allTenants;
  return identity.tenantId ? { kind: 'tenant', tenantId: identity.tenantId } : { kind: 'none' };
}

/**
 * Model name → the field that holds its tenant id (`tenantId`, or `id` for the tenant registry
 * itself). Models not listed are not tenant-owned and are left alone by the extension.
 */
export type TenantKeys = Readonly<Record<string, string>>;

type Args = Record<string, unknown>;
type Query = (args: Args) => PromiseLike<unknown>;

/** The part of a generated Prisma client the scoping relies on; every generated client fits. */
export interface ScopableClient {
  $extends: (extension: never) => unknown;
  $executeRawUnsafe: (query: string, ...values: unknown[]) => PromiseLike<number>;
  $transaction: (queries: never[]) => PromiseLike<unknown[]>;
}

/** What `$transaction(async (tx) => …)` hands its callback, for a client type `C`. */
export type TransactionClient<C> = C extends {
  $transaction(fn: (tx: infer Tx) => infer _R, options?: infer _O): unknown;
}
  ? Tx
  : never;

/** Operations that only read: they run in read sessions (see scopeDatabase). */
const reads = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
]);
const readOrChange = new Set([
  ...reads,
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
  'upsert',
]);
const creates = new Set(['create', 'createMany', 'createManyAndReturn', 'upsert']);
const updates = new Set(['update', 'updateMany', 'updateManyAndReturn', 'upsert']);

const otherTenant = () => apiError(ErrorCode.FORBIDDEN, 'Cannot write data of another tenant');

/** Write data must name the scope's tenant or none (then it is filled in); anything else is refused. */
function scopedData(data: unknown, key: string, tenantId: string, fill: boolean): unknown {
  if (Array.isArray(data)) return data.map((row) => scopedData(row, key, tenantId, fill));
  const row = (data ?? {}) as Args;
  if (row[key] === undefined) return fill ? { ...row, [key]: tenantId } : row;
  if (row[key] !== tenantId) throw otherTenant();
  return row;
}

/**
 * The where clause and write data of one model operation, narrowed to the scope. `AND` keeps
 * unique lookups valid (Prisma accepts extra filters beside a unique field) and intersects with
 * any tenant filter the caller wrote rather than replacing it.
 */
export function scopeArgs(
  scope: DataScope,
  model: string | undefined,
  operation: string,
  args: Args,
  tenantKeys: TenantKeys,
): Args {
  const key = model ? tenantKeys[model] : undefined;
  if (!key || scope.kind === 'allTenants') return args;
  if (scope.kind === 'none' && creates.has(operation))
    throw apiError(ErrorCode.FORBIDDEN, 'Cannot write tenant data without a tenant');
  const tenantFilter = scope.kind === 'tenant' ? { [key]: scope.tenantId } : { [key]: { in: [] } };
  const scoped: Args = Object.assign({}, args);
  if (readOrChange.has(operation)) {
    const where = (args.where ?? {}) as Args;
    const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    scoped.where = Object.assign({}, where, { AND: [...and, tenantFilter] });
  }
  if (scope.kind === 'tenant') {
    const tenantId = scope.tenantId;
    if (operation === 'upsert') {
      scoped.create = scopedData(args.create, key, tenantId, true);
      scoped.update = scopedData(args.update, key, tenantId, false);
    } else if (creates.has(operation)) {
      scoped.data = scopedData(args.data, key, tenantId, true);
    } else if (updates.has(operation)) {
      scoped.data = scopedData(args.data, key, tenantId, false);
    }
  }
  return scoped;
}

/**
 * A client on which every model operation is scoped twice: the extension narrows `where` and
 * checks write data for tenant-owned models (a forgotten filter cannot leak), and each operation
 * runs on a connection whose scope for PostgreSQL's row-level security is set when it is checked
 * out (which also covers nested writes, includes and anything the extension cannot see):
 * - a read runs in a read session: a connection whose scope is set once at checkout, no BEGIN or
 *   COMMIT; reads asked for in the same step (a page's rows and count) share one;
 * - a write outside `withScope` runs in its own transaction, BEGIN and scope in one statement.
 *
 * Both run on the unextended client, which skips any extension chained after this one, so scoping
 * an already scoped client scopes its unextended client to the narrower of both scopes instead of
 * stacking a second extension. Inside an interactive transaction (see `withScope`) an operation is
 * not wrapped again: Prisma cannot nest transactions, and the transaction already has its scope.
 * An interactive transaction opened on this client without `withScope` gets no tenant, so the
 * policies show it nothing (fails closed). Prisma's query extensions see the model name, which is
 * what `tenantKeys` is matched against. Raw queries are not model operations: RLS alone guards
 * them, and they see only what the surrounding transaction's settings allow.
 */
export function scopeDatabase<C extends ScopableClient>(client: C, scope: DataScope, tenantKeys: TenantKeys): C {
  const earlier = scopedClients.get(client);
  if (earlier) return scopeDatabase(earlier.unscoped as C, narrowerScope(earlier.scope, scope), tenantKeys);
  const cache = scopedCacheOf(client, tenantKeys);
  const key = scopeKeyOf(scope);
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last: the first entry is the one to drop.
    cache.delete(key);
    cache.set(key, cached);
    return cached as C;
  }
  const scoped = extendScoped(client, scope, tenantKeys);
  cache.set(key, scoped);
  if (cache.size > maxScopedClients) cache.delete(cache.keys().next().value!);
  return scoped;
}

/**
 * Scoped clients kept per unscoped client and tenant keys, most recently used last: a request
 * gets the client of its scope made for an earlier request of that scope, with the model
 * delegates Prisma built on it (building both per request was ~6 % of a list page's CPU). The
 * client holds nothing of a request: its scope, and read sessions that only ever run reads of
 * that scope. Bounded: past `maxScopedClients` scopes the least recently used is dropped.
 */
const maxScopedClients = 256;
const scopedCaches = new WeakMap<object, WeakMap<object, Map<string, object>>>();
function scopedCacheOf(client: object, tenantKeys: TenantKeys) {
  const known = scopedCaches.get(client)?.get(tenantKeys);
  if (known) return known;
  const byKeys = scopedCaches.get(client) ?? new WeakMap<object, Map<string, object>>();
  const cache = new Map<string, object>();
  byKeys.set(tenantKeys, cache);
  scopedCaches.set(client, byKeys);
  return cache;
}
const scopeKeyOf = (scope: DataScope) => (scope.kind === 'tenant' ? `tenant:${scope.tenantId}` : scope.kind);

function extendScoped<C extends ScopableClient>(client: C, scope: DataScope, tenantKeys: TenantKeys): C {
  const read = createReadSessions(client, scope);
  const extension = {
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations(params: {
          model: string;
          operation: string;
          args: Args;
          query: Query;
          __internalParams?: { transaction?: unknown };
        }) {
          const args = scopeArgs(scope, params.model, params.operation, params.args ?? {}, tenantKeys);
          // Not public API, but how Prisma marks an operation that already runs in a transaction.
          if (params.__internalParams?.transaction) return params.query(args);
          const operation = { model: params.model, operation: params.operation, args };
          if (reads.has(params.operation)) return read(operation);
          return withScope(client, scope, async (tx) => runOn(tx, operation));
        },
      },
    },
  };
  const scoped = client.$extends(extension as never) as C;
  scopedClients.set(scoped, { unscoped: client, scope, tenantKeys, read });
  return scoped;
}

const delegateOf = (model: string) => `${model[0]!.toLowerCase()}${model.slice(1)}`;

interface ModelOperation {
  model: string;
  operation: string;
  args: Args;
}

const runOn = (tx: unknown, { model, operation, args }: ModelOperation) =>
  (tx as Record<string, Record<string, Query>>)[delegateOf(model)]![operation]!(args);

type Interactive = { $transaction: (fn: (tx: unknown) => Promise<unknown>) => Promise<unknown> };
type PendingRead = ModelOperation & { resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Reads on `client` under `scope`, gathered while the current step runs (its promise jobs
 * included, no I/O) and then run together in one read session: a page's rows and count, the
 * loaders that one answer sets off. The session's answers are handed back together, so the reads
 * they set off are again one step: how a request's reads group depends on the request, not on
 * timing (requests of the same scope share the client, so reads of two of them that fall in one
 * step share a session too). Each read settles on its own: one failing read does not fail the
 * others (nothing is aborted).
 */
function createReadSessions(client: ScopableClient, scope: DataScope) {
  let pending: PendingRead[] = [];
  const plain = plainReadsOf(client);
  const flush = () => {
    const reads = pending;
    pending = [];
    const statements = plain ? plainStatements(plain.compile, reads) : null;
    const settled =
      plain && statements
        ? runPlain(plain.pool, scope, statements)
        : (client as unknown as Interactive).$transaction(readSession(scope, reads));
    settled.then(
      (outcomes) => settleReads(reads, outcomes as PromiseSettledResult<unknown>[]),
      (error) => {
        for (const read of reads) read.reject(error);
      },
    );
  };
  return (operation: ModelOperation) =>
    new Promise<unknown>((resolve, reject) => {
      if (pending.length === 0) process.nextTick(flush);
      // Not `{ ...operation, resolve, reject }`: on Node 20 (V8 11.3) an object spread that gains
      // keys survived the young generation (its resolvers, and through them the request's rows,
      // went to old space every time: a 20-row page's scavenges copied ~20 KB per request).
      pending.push({ model: operation.model, operation: operation.operation, args: operation.args, resolve, reject });
    });
}

/** Every read as plain SQL, or null when one of them is not plain (Prisma then runs them all). */
function plainStatements(compile: PlainReads, reads: readonly PendingRead[]): PlainRead[] | null {
  const statements: PlainRead[] = [];
  for (const read of reads) {
    const statement = compile(read.model, read.operation, read.args);
    if (statement === null) return null;
    statements.push(statement);
  }
  return statements;
}

/** Prisma's read session for `reads`: the scope once, then every read, each settling on its own. */
const readSession = (scope: DataScope, reads: readonly PendingRead[]) => async (tx: unknown) => {
  await sendScope(tx, sessionScopeSql, scope);
  return Promise.allSettled(reads.map((read) => runOn(tx, read)));
};

function settleReads(reads: readonly PendingRead[], outcomes: readonly PromiseSettledResult<unknown>[]) {
  for (let index = 0; index < reads.length; index += 1) {
    const outcome = outcomes[index]!;
    if (outcome.status === 'fulfilled') reads[index]!.resolve(outcome.value);
    else reads[index]!.reject(outcome.reason);
  }
}

const plainReadTypes = plainTypes(pg.types);

/**
 * Plain reads in one pipeline behind the transaction's scope statement (one round trip; the scope
 * ends with the pipeline's implicit transaction): Prisma's answers, without Prisma.
 */
async function runPlain(pool: pg.Pool, scope: DataScope, statements: PlainRead[]) {
  const scopeValues = checkedScopeArgs(scopeArgsOf(scope));
  const outcomes = await runReadPipeline(pool, transactionScopeSql, scopeValues, statements, plainReadTypes);
  return outcomes.map((outcome, index): PromiseSettledResult<unknown> => {
    if (outcome.status === 'rejected') return outcome;
    try {
      return { status: 'fulfilled', value: statements[index]!.answer(outcome.value) };
    } catch (reason) {
      return { status: 'rejected', reason };
    }
  });
}

/** The scope as the scope statements' two arguments: the tenant id (or ''), and `on` for every tenant. */
const scopeArgsOf = (scope: DataScope): [string, string] => [
  scope.kind === 'tenant' ? scope.tenantId : '',
  scope.kind === 'allTenants' ? 'on' : 'off',
];

/** A scope statement (see scopedAdapterFactory): with BEGIN for a transaction, once for a read session. */
const sendScope = (tx: unknown, sql: string, scope: DataScope) =>
  (tx as ScopableClient).$executeRawUnsafe(sql, ...scopeArgsOf(scope));

/**
 * Runs `work` in one read session: a connection whose scope is set once at checkout, without
 * BEGIN/COMMIT, for raw reads that need no transaction (each statement sees its own snapshot).
 * Writes belong in `withScope`.
 */
export function withReadScope<C extends ScopableClient, R>(
  client: C,
  scope: DataScope,
  work: (tx: TransactionClient<C>) => Promise<R>,
): Promise<R> {
  const interactive = client as unknown as {
    $transaction: (fn: (tx: TransactionClient<C>) => Promise<R>) => Promise<R>;
  };
  return interactive.$transaction(async (tx) => {
    await sendScope(tx, sessionScopeSql, scope);
    return work(tx);
  });
}

/**
 * One hand-written SQL read on `db` in a read session under `scope` (narrowed to the scope `db` was
 * scoped to): the scope statement and this one, as a plain read, for a hop no model read says in
 * one statement (the newest rows of every key with their parent rows). `read` builds the statement
 * from the client's plain models and turns the raw rows into its answer. Raw SQL is not narrowed by
 * the extension: RLS is what scopes it, as for every raw query.
 */
export async function readPlainRows<R>(
  db: ScopableClient,
  scope: DataScope,
  read: (models: PlainModels) => Omit<PlainRead, 'answer'> & { answer: (rows: Record<string, unknown>[]) => R },
): Promise<R> {
  const scoped = scopedClients.get(db);
  const plain = plainReadsOf(scoped?.unscoped ?? db);
  if (!plain) throw new Error('readPlainRows needs a client made by defineDatabase');
  const statement = read(plain.models);
  const effective = scoped ? narrowerScope(scoped.scope, scope) : scope;
  const [outcome] = await runPlain(plain.pool, effective, [statement]);
  if (outcome?.status !== 'fulfilled') throw outcome?.reason;
  return outcome.value as R;
}

/** Each scoped client's unextended client, scope, tenant keys and read sessions. */
const scopedClients = new WeakMap<
  object,
  {
    unscoped: ScopableClient;
    scope: DataScope;
    tenantKeys: TenantKeys;
    read: (operation: ModelOperation) => Promise<unknown>;
  }
>();

/** Reads of one model: `read` an operation (`findMany`, `count`, …) with its Prisma arguments; its scalar `fields`. */
export interface ModelReads {
  read: (operation: string, args: Args) => Promise<unknown>;
  fields: ReadonlySet<string>;
}

/**
 * `model`'s reads on the scoped client `db`, handed to `db`'s read sessions exactly as its extension
 * hands them (the scope's `where` first, then one pipeline per step), without the trip through
 * Prisma's model proxy and query extension: for hot reads such as list pages. Null when `model` is
 * not `db`'s own delegate (a transaction's, or `db` is no scoped client): use the delegate then.
 */
export function modelReadOf(db: unknown, model: object): ModelReads | null {
  const scoped = typeof db === 'object' && db !== null ? scopedClients.get(db) : undefined;
  const name = (model as { $name?: unknown }).$name;
  if (!scoped || typeof name !== 'string' || (db as Record<string, unknown>)[delegateOf(name)] !== model) return null;
  const fields = plainReadsOf(scoped.unscoped)?.scalarFields(name);
  if (!fields) return null;
  const { scope, tenantKeys, read } = scoped;
  return {
    read: (operation, args) =>
      read({ model: name, operation, args: scopeArgs(scope, name, operation, args, tenantKeys) }),
    fields,
  };
}

/** The rows both scopes allow: all tenants narrows to the other scope; two different tenants to none. */
export function narrowerScope(a: DataScope, b: DataScope): DataScope {
  if (a.kind === 'allTenants') return b;
  if (b.kind === 'allTenants') return a;
  if (a.kind === 'tenant' && b.kind === 'tenant' && a.tenantId === b.tenantId) return a;
  return { kind: 'none' };
}

/**
 * Runs `work` in one interactive transaction whose first statement (sent with BEGIN) sets the scope
 * for row-level security, for domain functions whose writes must commit or roll back together. Pass
 * the request's scoped client and its scope: queries on `tx` are then narrowed by the extension too.
 */
export function withScope<C extends ScopableClient, R>(
  client: C,
  scope: DataScope,
  work: (tx: TransactionClient<C>) => Promise<R>,
  options?: { timeout?: number; maxWait?: number },
): Promise<R> {
  const interactive = client as unknown as {
    $transaction: (fn: (tx: TransactionClient<C>) => Promise<R>, options?: object) => Promise<R>;
  };
  return interactive.$transaction(async (tx) => {
    await sendScope(tx, transactionScopeSql, scope);
    return work(tx);
  }, options);
}
