import type { RequestContext } from './context.ts';
import { type DataScope, dataScopeFor } from './tenant-scope.ts';

/**
 * What every subgraph's resolvers receive: the request, the database already narrowed to the
 * caller's scope (SUPERADMIN: every tenant; anonymous: nothing), that scope (for `withScope`), and
 * the request's loaders.
 */
export interface SubgraphContext<Db, Loaders> extends RequestContext {
  db: Db;
  dataScope: DataScope;
  loaders: Loaders;
}

export interface SubgraphContextParts<Db, Loaders> {
  /** The service's unscoped client. */
  database: Db;
  /** Narrows the client to a scope (the service's `scope<Svc>Database`). */
  scope: (database: Db, scope: DataScope) => Db;
  /** Builds the request's loaders on the scoped client. */
  loaders: (db: Db, scope: DataScope) => Loaders;
}

const made = Symbol('loaders');
const make = Symbol('makeLoaders');

/**
 * The request's database, scope and loaders. The loaders are made on first use: most requests (a
 * list page, `{ __typename }`, a mutation) use none, and a service has up to a dozen. A class, so
 * the getter lives once on the prototype (a literal's getter would be a new closure per request).
 * Its state is in symbol-keyed properties, not private fields: a context may be copied with
 * `Object.assign(Object.create(prototype), context)` (Apollo Server's cloneObject does), and a
 * copy carries those (private fields would make the copy's getter throw).
 */
class RequestData<Db, Loaders> {
  [made]: Loaders | undefined;
  readonly [make]: (db: Db, scope: DataScope) => Loaders;
  constructor(
    readonly db: Db,
    readonly dataScope: DataScope,
    makeLoaders: (db: Db, scope: DataScope) => Loaders,
  ) {
    this[made] = undefined;
    this[make] = makeLoaders;
  }
  get loaders(): Loaders {
    this[made] ??= this[make](this.db, this.dataScope);
    return this[made];
  }
}

/**
 * The per-request context factory every subgraph uses: scopes the database once per request, so
 * no resolver or loader can forget the tenant. `extra` adds what one service needs beside it
 * (media storage, a client of another subgraph).
 */
export function createSubgraphContext<Db, Loaders, Extra extends object = object>(
  base: RequestContext,
  parts: SubgraphContextParts<Db, Loaders>,
  extra?: Extra,
): SubgraphContext<Db, Loaders> & Extra {
  const dataScope = dataScopeFor(base.identity);
  const db = parts.scope(parts.database, dataScope);
  // Object.assign, not `{ ...base, db, … }`: on Node 20 an object spread that then gains keys
  // kept every request's context alive through scavenges (see tenant-scope.ts, PendingRead).
  return Object.assign(new RequestData(db, dataScope, parts.loaders), base, extra) as SubgraphContext<Db, Loaders> &
    Extra;
}
