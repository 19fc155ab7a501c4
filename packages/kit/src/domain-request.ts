import type { z } from 'zod';
import {
  creationSort,
  loadPage,
  sortOrderOf,
  type Cursor,
  type ListArgs,
  type PageArgs,
  type PageQuery,
  type SortColumn,
  type SortDirection,
  type SortOrder,
} from './connections.ts';
import { apiError, badInput, ErrorCode, notFound } from './errors.ts';
import type { Identity } from './identity.ts';
import { isUuid } from './loaders.ts';
import { nodeSelectionOf } from './node-selection.ts';
import { type DataScope, modelReadOf } from './tenant-scope.ts';
import { parseInput } from './validation.ts';

/**
 * What a domain function needs from a request: the database narrowed to the caller's scope, that
 * scope (for `withScope`), who asks and the request id (for the audit trail). Resolvers pass their
 * context, which has all of it.
 */
export interface DomainRequest<Db> {
  db: Db;
  dataScope: DataScope;
  identity: Identity | null;
  requestId: string;
}

export function requireIdentity(identity: Identity | null): Identity {
  if (!identity) throw apiError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return identity;
}

/** A logged-in person (not an API key or machine client). */
export function requireUser(identity: Identity | null): Identity {
  if (identity?.kind !== 'user') throw apiError(ErrorCode.FORBIDDEN, 'Only a logged-in user can do this');
  return identity;
}

/** The person behind an action: null when an API key or machine client acts. */
export const actingUserId = (identity: Identity) => (identity.kind === 'user' ? identity.subjectId : null);

/**
 * The spec's CLIENT "R/W own": a CLIENT changes only rows it created (or, where a row names more
 * than one owner, such as an interaction's user, one of them); API keys and machine clients own
 * what they created under their own id. ADMINs and SUPERADMINs change every row in scope. The row
 * is already known to be in the caller's tenant (else it was "not found"), hence FORBIDDEN, not
 * NOT_FOUND.
 */
export function requireOwnership(identity: Identity, owners: readonly (string | null)[], entity: string): void {
  if (identity.role !== 'CLIENT') return;
  if (owners.some((owner) => owner !== null && owner === identity.subjectId)) return;
  throw apiError(ErrorCode.FORBIDDEN, `A CLIENT may change only the ${entity.toLowerCase()}s it created`);
}

type Changed<T, C extends keyof T> = { [K in keyof T]?: K extends C ? T[K] : Exclude<T[K], null> };

/**
 * Prisma `update` data from parsed input: the fields the caller gave. Undefined leaves a column as
 * it is, and so does null, except in the `clearable` fields (optional columns), which null clears.
 */
export function changedFields<T extends Record<string, unknown>, C extends keyof T = never>(
  input: T,
  clearable: readonly C[] = [],
): Changed<T, C> {
  const isClearable = (key: string) => (clearable as readonly PropertyKey[]).includes(key);
  const given = Object.entries(input).filter(
    ([key, value]) => value !== undefined && (value !== null || isClearable(key)),
  );
  return Object.fromEntries(given) as Changed<T, C>;
}

/** A tenant nobody has, for filters that must match nothing. */
const noTenant = '00000000-0000-0000-0000-000000000000';

/** Rows a list may show: SUPERADMIN all (or `requested`), others their tenant (a foreign `requested` shows nothing). */
export function tenantFilter(identity: Identity, given: string | null | undefined): { tenantId?: string } {
  if (given && !isUuid(given)) throw badInput('tenantId must be an id', 'tenantId');
  const requested = given?.toLowerCase();
  if (identity.role === 'SUPERADMIN') return requested ? { tenantId: requested } : {};
  if (!identity.tenantId || (requested && requested !== identity.tenantId)) return { tenantId: noTenant };
  return { tenantId: identity.tenantId };
}

/** The tenant a new row goes into: SUPERADMIN names it, others get their own (naming another is "not found"). */
export function targetTenantId(identity: Identity, given: string | null | undefined, field: string): string {
  const requested = given?.toLowerCase();
  if (identity.role === 'SUPERADMIN') {
    if (!requested) throw badInput('tenantId is required', field);
    if (!isUuid(requested)) throw notFound('Tenant');
    return requested;
  }
  if (!identity.tenantId || (requested && requested !== identity.tenantId)) throw notFound('Tenant');
  return identity.tenantId;
}

/**
 * Ids are UUIDs, written in lower case as PostgreSQL prints them (an upper-case id names the same
 * row, and ids also end up in storage keys and comparisons); anything else is "not found", like a
 * missing or foreign row.
 */
export function existingId(id: string, entity: string): string {
  if (!isUuid(id)) throw notFound(entity);
  return id.toLowerCase();
}

/** The part of a Prisma model delegate `findExisting` needs (a scoped client's or a transaction's). */
export interface FindableModel<T> {
  findFirst: (args: { where: { id: string } }) => PromiseLike<T | null>;
}

/** The row with this id that the client's scope shows, or NOT_FOUND naming `entity` (a foreign row is missing too). */
export async function findExisting<T>(model: FindableModel<T>, id: string, entity: string): Promise<T> {
  const row = await model.findFirst({ where: { id } });
  if (!row) throw notFound(entity);
  return row;
}

/** `findExisting` of an id as the caller gave it: one that is no UUID is "not found" too (see `existingId`). */
export const findById = <T>(model: FindableModel<T>, id: string, entity: string): Promise<T> =>
  findExisting(model, existingId(id, entity), entity);

/** The row `id` in scope that the caller may change (see `requireOwnership`), else NOT_FOUND or FORBIDDEN. */
export async function findChangeable<T>(
  identity: Identity | null,
  model: FindableModel<T>,
  id: string,
  entity: string,
  owners: (row: T) => readonly (string | null)[],
): Promise<T> {
  const row = await findById(model, id, entity);
  requireOwnership(requireIdentity(identity), owners(row), entity);
  return row;
}

/** The part of a Prisma model delegate a paginated list needs. */
export interface ListableModel<T> {
  /** `select`: some scalar fields only (Prisma's select), given only when `scalarFields` is known. */
  findMany: (args: {
    where: object;
    orderBy: PageQuery['orderBy'];
    take: number;
    select?: Record<string, true>;
  }) => Promise<T[]>;
  count: (args: { where: object }) => Promise<number>;
  /** The model's scalar fields, when its rows may be read with some of them only (not `fields`: Prisma's delegates have one). */
  scalarFields?: ReadonlySet<string>;
}

/** Each delegate's list reads, made once: a scoped client (and its delegates) serves every request of its scope. */
const listReads = new WeakMap<object, { db: unknown; list: ListableModel<unknown> }>();

/**
 * `model`'s list reads straight into the read sessions of `db` when it is `db`'s own delegate (see
 * modelReadOf), else `model` itself: for list models that wrap a delegate (leads hand out records).
 */
export function listReadsOf<T>(db: unknown, model: ListableModel<T>): ListableModel<T> {
  const known = listReads.get(model);
  if (known && known.db === db) return known.list as ListableModel<T>;
  const reads = modelReadOf(db, model);
  if (!reads) return model;
  const list: ListableModel<T> = {
    findMany: (args) => reads.read('findMany', args) as Promise<T[]>,
    count: (args) => reads.read('count', args) as Promise<number>,
    scalarFields: reads.fields,
  };
  listReads.set(model, { db, list });
  return list;
}

/**
 * The columns a page reads when the operation's node selection is known (see nodeSelectionOf) and
 * names only columns of the model: those, the id and tenant (permission rules read the tenant),
 * and the sort column when a cursor is selected (cursors carry it). Undefined (every column)
 * otherwise.
 */
function pageSelect(
  args: object,
  fields: ReadonlySet<string> | undefined,
  sort: SortOrder,
): Record<string, true> | undefined {
  const selected = nodeSelectionOf(args);
  if (!selected || !fields?.has(sort.field)) return undefined;
  const select: Record<string, true> = { id: true };
  if (selected.cursors) select[sort.field] = true;
  if (fields.has('tenantId')) select.tenantId = true;
  for (const name of selected.fields) {
    if (name === '__typename') continue;
    if (!fields.has(name)) return undefined;
    select[name] = true;
  }
  return select;
}

/**
 * A page of a tenant-owned list: SUPERADMIN all (or one tenant's with `tenantId`), others their
 * tenant; `filter` narrows further (a Prisma `where`); `sort` orders it (default: creation order).
 * Counted only when the operation may select `totalCount` (see RequestContext.countsTotals).
 * `model` is a delegate of `request.db`, read without Prisma's model proxy (see modelReadOf), and
 * only for the columns the operation selects when that is known (see pageSelect).
 * `firstPageNarrowing`, when given, is tried first on a page without a cursor (see narrowedFirst).
 */
export function loadTenantPage<T extends Cursor>(
  request: Pick<DomainRequest<unknown>, 'identity'> & { countsTotals?: boolean; db?: unknown },
  args: PageArgs & { tenantId?: string | null },
  model: ListableModel<T>,
  filter: object = {},
  sort: SortOrder = creationSort,
  firstPageNarrowing?: object,
) {
  const where = { AND: [tenantFilter(requireIdentity(request.identity), args.tenantId), filter] };
  const reads = listReadsOf(request.db, model);
  const select = pageSelect(args, reads.scalarFields, sort);
  const rows = pageRows(reads, where, select);
  return loadPage(
    args,
    firstPageNarrowing && !args.after ? (page) => narrowedFirst(page, where, firstPageNarrowing, rows) : rows,
    request.countsTotals === false ? null : () => reads.count({ where }),
    sort,
  );
}

/** How a tenant page reads its rows (a page query, and maybe a narrowing ANDed in). */
function pageRows<T>(reads: ListableModel<T>, where: object, select: Record<string, true> | undefined) {
  return (page: PageQuery, narrowing?: object) =>
    reads.findMany({
      where: { AND: narrowing ? [where, page.after, narrowing] : [where, page.after] },
      orderBy: page.orderBy,
      take: page.take,
      ...(select && { select }),
    });
}

/** Narrowings that last found too few rows (JSON of the list's `where` and the narrowing → until when they are not tried), least recent dropped. */
const shortNarrowings = new Map<string, number>();
const shortNarrowingsKept = 1024;
const shortNarrowingForgottenAfterMs = 60_000;

/**
 * A first page read through `narrowing` (a filter whose rows all come before every other row in
 * the page's order: newest events of the recent months), which PostgreSQL answers more cheaply.
 * When it finds a whole page (`take` rows) those are the page; otherwise the page is read again
 * without it, and for the next minute that list (`where`) reads without that narrowing straight away.
 */
async function narrowedFirst<T>(
  page: PageQuery,
  where: object,
  narrowing: object,
  rows: (page: PageQuery, narrowing?: object) => Promise<T[]>,
): Promise<T[]> {
  // The key is spelt out only while some narrowing is known to be short (most of the time none is).
  let key = shortNarrowings.size > 0 ? JSON.stringify([where, narrowing]) : undefined;
  const shortUntil = key === undefined ? undefined : shortNarrowings.get(key);
  if (shortUntil !== undefined && shortUntil > Date.now()) return rows(page);
  const found = await rows(page, narrowing);
  if (key !== undefined) shortNarrowings.delete(key);
  if (found.length >= page.take) return found;
  key ??= JSON.stringify([where, narrowing]);
  shortNarrowings.set(key, Date.now() + shortNarrowingForgottenAfterMs);
  if (shortNarrowings.size > shortNarrowingsKept) shortNarrowings.delete(shortNarrowings.keys().next().value!);
  return rows(page);
}

/** How a tenant-owned list reads its `filter` and `orderBy` arguments. */
export interface ListQuery<Filter, Field extends string> {
  /** The `filter` argument (null or undefined when not given) as a Prisma `where`. */
  where: (filter: Filter | null | undefined) => object;
  /** The `orderBy` enum's values as columns (see `sortOrderOf`). */
  order: Record<Field, string | SortColumn>;
}

/** A `where` of a filter parsed by `schema` first: an absent filter is `{}`, a refusal names `filter.<field>`. */
export const parsedWhere =
  <S extends z.ZodType>(schema: S, where: (filter: z.infer<S>) => object) =>
  (filter: z.input<S> | null | undefined) =>
    where(parseInput(schema, filter ?? {}, 'filter'));

/** A page of a tenant-owned list (see `loadTenantPage`) filtered and ordered as its `query` says. */
export function loadTenantList<T extends Cursor, Filter, Field extends string>(
  request: Parameters<typeof loadTenantPage>[0],
  args: ListArgs<Filter, { field: Field; direction: SortDirection }>,
  model: ListableModel<T>,
  query: ListQuery<Filter, Field>,
) {
  return loadTenantPage(request, args, model, query.where(args.filter), sortOrderOf(args.orderBy, query.order));
}

/** A tenant-owned list as a domain function: `model` picks its rows from the request's database. */
export const tenantList =
  <Db, T extends Cursor, Filter, Field extends string>(
    model: (db: Db) => ListableModel<T>,
    query: ListQuery<Filter, Field>,
  ) =>
  (
    request: Parameters<typeof loadTenantPage>[0] & { db: Db },
    args: ListArgs<Filter, { field: Field; direction: SortDirection }>,
  ) =>
    loadTenantList(request, args, model(request.db), query);
