import { Decimal } from '@prisma/client/runtime/client';
import type pg from 'pg';
import { daysFromCivil, dayMs, isoDateTime } from './scalars.ts';

/** A field of Prisma's runtime data model (what a generated client carries about its models). */
interface RuntimeField {
  name: string;
  kind: string;
  type: string;
  dbName?: string | null;
}
export interface RuntimeModel {
  fields: readonly RuntimeField[];
  dbName?: string | null;
  schema?: string | null;
}
export type RuntimeModels = Readonly<Record<string, RuntimeModel>>;

/** A model read as one SQL statement, and how its rows become what Prisma would have answered. */
export interface PlainRead {
  text: string;
  values: unknown[];
  answer: (rows: Record<string, unknown>[]) => unknown;
}

interface Projection {
  select: string;
  convert: (row: Record<string, unknown>) => Record<string, unknown>;
  /** A `findMany`'s answer from its rows, and a `findFirst`'s. */
  rows: PlainRead['answer'];
  first: PlainRead['answer'];
}

interface ModelShape extends Projection {
  from: string;
  /** By field name: the column's name, quoted (`sql`), and the field's type. */
  columns: ReadonlyMap<string, { column: string; sql: string; type: string }>;
  /** The select list and conversion of some of the fields (Prisma's `select`), by the fields' names. */
  projection: (names: readonly string[]) => Projection;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A timestamp without time zone holds UTC (as Prisma writes it), whatever the process's zone. */
const utcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const utcDate = (text: string) => new Date(`${text}T00:00:00Z`);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;
/** The number in `text` at `at` of `length` digits, or -1 when one of them is no digit. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A `timestamptz` as PostgreSQL prints it (DateStyle ISO: `2026-12-06 15:35:24.123+00`, the offset
 * maybe with minutes), read digit by digit: several times faster than a regular expression and
 * `new Date(text)`, and every row of a page has one or more. Milliseconds are kept, finer digits
 * dropped (as `Date` does). Anything else (years before 100 or past 9999, BC, `infinity`, offsets
 * with seconds) is undefined: pg's parser reads it.
 */
function isoTimestampTz(text: string): Date | undefined {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const separators = text[4] === '-' && text[7] === '-' && text[10] === ' ' && text[13] === ':' && text[16] === ':';
  if (!separators || year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let at = 19;
  let millis = 0;
  if (text[at] === '.') {
    const start = at + 1;
    for (at = start; digitsAt(text, at, 1) >= 0; at += 1)
      if (at < start + 3) millis = millis * 10 + digitsAt(text, at, 1);
    if (at === start) return undefined;
    for (let scale = Math.min(at - start, 3); scale < 3; scale += 1) millis *= 10;
  }
  const sign = text[at] === '+' ? 1 : text[at] === '-' ? -1 : 0;
  const offsetHours = digitsAt(text, at + 1, 2);
  const withMinutes = text.length === at + 6 && text[at + 3] === ':';
  const offsetMinutes = withMinutes ? digitsAt(text, at + 4, 2) : 0;
  if (sign === 0 || offsetHours < 0 || offsetMinutes < 0 || (!withMinutes && text.length !== at + 3)) return undefined;
  // In arithmetic for the ranges PostgreSQL prints (Date.UTC, which also rolls other values over, is a call into C++).
  const inRange = month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
  const utc = inRange
    ? daysFromCivil(year, month, day) * dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis
    : Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return new Date(utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/**
 * A `timestamptz` read by the engine's own ISO parser (see isoTimestampTz); what it does not cover
 * goes to pg's parser.
 */
function timestampTzParser(base: (text: string) => unknown) {
  return (text: string) => isoTimestampTz(text) ?? base(text);
}

/**
 * pg's parsers, except `timestamp` and `date` read as UTC as Prisma reads them (years 0–9999; others
 * stay text and fail), and `timestamptz` (the same instants as pg's parser, faster).
 */
export function plainTypes(base: typeof pg.types): pg.CustomTypesConfig {
  const timestampTz = timestampTzParser(base.getTypeParser(1184, 'text') as (text: string) => unknown);
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === 1114) return (text: string) => (isoTimestamp.test(text) ? utcTimestamp(text) : text);
      if (oid === 1082) return (text: string) => (isoDate.test(text) ? utcDate(text) : text);
      if (oid === 1184 && format !== 'binary') return timestampTz;
      return base.getTypeParser(oid, format);
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Enum arrays come back as array literals (their type is the database's own); their labels need no quoting. */
const enumValue = (value: unknown) =>
  typeof value === 'string' && value.startsWith('{') ? value.slice(1, -1).split(',').filter(Boolean) : value;

const converters: Record<string, (value: unknown) => unknown> = {
  Decimal: (value) => new Decimal(value as string),
  BigInt: (value) => BigInt(value as string),
};

/** A field read as a column (Prisma's scalars and enums; relations are not). */
const isColumn = (field: RuntimeField) => field.kind === 'scalar' || field.kind === 'enum';

/** What Prisma's `findMany` answers for a row: every scalar field by its name, Decimals and BigInts as Prisma's types. */
function shapeOf(model: RuntimeModel): ModelShape | null {
  const fields = model.fields.filter(isColumn);
  if (!model.dbName || fields.some((field) => field.type === 'Bytes')) return null;
  const columns = new Map(
    fields.map((field) => {
      const column = field.dbName ?? field.name;
      return [field.name, { column, sql: quoted(column), type: field.type }];
    }),
  );
  const projectionFor = (chosen: readonly RuntimeField[]): Projection => {
    const select = chosen.map((field) => `${quoted(field.dbName ?? field.name)} AS ${quoted(field.name)}`).join(', ');
    const converted = chosen.flatMap((field) => {
      const convert = field.kind === 'enum' ? enumValue : converters[field.type];
      return convert ? [[field.name, convert] as const] : [];
    });
    const convert = (row: Record<string, unknown>) => {
      for (const [name, to] of converted) if (row[name] !== null) row[name] = to(row[name]);
      return row;
    };
    const rows = (found: Record<string, unknown>[]) => found.map(convert);
    const first = (found: Record<string, unknown>[]) => (found[0] === undefined ? null : convert(found[0]));
    return { select, convert, rows, first };
  };
  const byName = new Map(fields.map((field) => [field.name, field]));
  // Projections by their fields' names joined: a list asks for a handful of selections.
  const projections = new Map<string, Projection>();
  const projection = (names: readonly string[]) => {
    const key = names.join(',');
    const known = projections.get(key);
    if (known) return known;
    const made = projectionFor(names.map((name) => byName.get(name)!));
    projections.set(key, made);
    return made;
  };
  const from = model.schema ? `${quoted(model.schema)}.${quoted(model.dbName)}` : quoted(model.dbName);
  return { from, columns, ...projectionFor(fields), projection };
}

/** Values as PostgreSQL reads them: dates in UTC, Decimals and BigInts as text. */
function sqlValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoDateTime(value.getTime());
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint' || Decimal.isDecimal(value)) return String(value);
  return undefined;
}

/**
 * A date a plain read writes into its SQL as a literal rather than a parameter, so PostgreSQL knows
 * it when it plans the statement and prunes a table partitioned on that column then (a generic
 * plan with a parameter opens and locks every partition at each run). Only for bounds with few
 * distinct values (a month's start): each value is a statement of its own. To Prisma it is a Date.
 */
export class LiteralDate extends Date {}

type Where = Record<string, unknown>;
const comparisons: Record<string, string> = { equals: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * A Prisma `where` as SQL, for the filters lists and loaders use (AND, OR, equality, `in`,
 * comparisons, `not` null or a value on scalar fields); anything else is null (Prisma runs it).
 */
function whereSql(shape: ModelShape, where: unknown, values: unknown[]): string | null {
  if (where === undefined) return 'TRUE';
  if (where === null || typeof where !== 'object' || Array.isArray(where)) return null;
  let sql = '';
  for (const key of Object.keys(where)) {
    const condition = (where as Where)[key];
    if (condition === undefined) continue;
    const part =
      key === 'AND' || key === 'OR' ? groupSql(shape, key, condition, values) : fieldSql(shape, key, condition, values);
    if (part === null) return null;
    sql = sql === '' ? `(${part})` : `${sql} AND (${part})`;
  }
  return sql === '' ? 'TRUE' : sql;
}

function groupSql(shape: ModelShape, key: 'AND' | 'OR', condition: unknown, values: unknown[]): string | null {
  if (key === 'OR' && !Array.isArray(condition)) return null;
  const members: unknown[] = Array.isArray(condition) ? condition : [condition];
  if (members.length === 0) return key === 'AND' ? 'TRUE' : 'FALSE';
  let sql = '';
  for (const member of members) {
    const part = whereSql(shape, member, values);
    if (part === null) return null;
    sql = sql === '' ? `(${part})` : `${sql} ${key} (${part})`;
  }
  return sql;
}

/** `value` as the statement's next parameter (`$n`). */
function parameter(values: unknown[], value: unknown): string {
  values.push(value);
  return `$${values.length}`;
}

function fieldSql(shape: ModelShape, field: string, condition: unknown, values: unknown[]): string | null {
  const column = shape.columns.get(field);
  if (!column || column.type === 'Json') return null;
  const name = column.sql;
  if (condition === null) return `${name} IS NULL`;
  const direct = sqlValue(condition);
  if (direct !== undefined) return `${name} = ${parameter(values, direct)}`;
  if (typeof condition !== 'object' || condition instanceof Date) return null;
  let sql = '';
  for (const operator of Object.keys(condition)) {
    const operand = (condition as Where)[operator];
    if (operand === undefined) continue;
    const part = operatorSql(name, operator, operand, values);
    if (part === null) return null;
    sql = sql === '' ? part : `${sql} AND ${part}`;
  }
  return sql === '' ? 'TRUE' : sql;
}

function operatorSql(name: string, operator: string, operand: unknown, values: unknown[]) {
  if (operator === 'in') {
    if (!Array.isArray(operand)) return null;
    const list = operand.map(sqlValue);
    if (list.includes(undefined)) return null;
    return list.length === 0 ? 'FALSE' : `${name} = ANY(${parameter(values, list)})`;
  }
  if (operator === 'not' && operand === null) return `${name} IS NOT NULL`;
  if (operator === 'equals' && operand === null) return `${name} IS NULL`;
  if (operand instanceof LiteralDate) {
    const comparison = comparisons[operator];
    return comparison && !Number.isNaN(operand.getTime())
      ? `${name} ${comparison} '${isoDateTime(operand.getTime())}'`
      : null;
  }
  const value = sqlValue(operand);
  if (value === undefined) return null;
  if (operator === 'not') return `${name} <> ${parameter(values, value)}`;
  const comparison = comparisons[operator];
  return comparison ? `${name} ${comparison} ${parameter(values, value)}` : null;
}

/** `orderBy` of `{ field: 'asc' | 'desc' }` entries on scalar fields; anything else is null. */
function orderSql(shape: ModelShape, orderBy: unknown): string | null {
  if (orderBy === undefined) return '';
  const entries: unknown[] = Array.isArray(orderBy) ? orderBy : [orderBy];
  let sql = '';
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object') return null;
    for (const field of Object.keys(entry)) {
      const direction = (entry as Record<string, unknown>)[field];
      const column = shape.columns.get(field);
      if (!column || (direction !== 'asc' && direction !== 'desc')) return null;
      const part = `${column.sql} ${direction === 'asc' ? 'ASC' : 'DESC'}`;
      sql = sql === '' ? ` ORDER BY ${part}` : `${sql}, ${part}`;
    }
  }
  return sql;
}

function onlyKeys(args: Where, allowed: readonly string[]) {
  for (const key of Object.keys(args)) if (args[key] !== undefined && !allowed.includes(key)) return false;
  return true;
}

/** Prisma's `select` of scalar fields (`{ field: true }`) as a projection; undefined: every field; null: not plain. */
function projectionOf(shape: ModelShape, select: unknown): Projection | null {
  if (select === undefined) return shape;
  if (select === null || typeof select !== 'object') return null;
  const names = Object.keys(select);
  if (names.length === 0) return null;
  for (const name of names) if ((select as Where)[name] !== true || !shape.columns.has(name)) return null;
  return shape.projection(names);
}

function rowsRead(shape: ModelShape, args: Where, first: boolean): PlainRead | null {
  if (!onlyKeys(args, ['where', 'orderBy', 'take', 'select'])) return null;
  const { take } = args;
  if (take !== undefined && (typeof take !== 'number' || !Number.isInteger(take) || take < 0)) return null;
  const projection = projectionOf(shape, args.select);
  const values: unknown[] = [];
  const where = whereSql(shape, args.where, values);
  const order = orderSql(shape, args.orderBy);
  if (projection === null || where === null || order === null) return null;
  const limit = first ? 1 : take;
  const text = `SELECT ${projection.select} FROM ${shape.from} WHERE ${where}${order}${limit === undefined ? '' : ` LIMIT ${limit}`}`;
  return { text, values, answer: first ? projection.first : projection.rows };
}

function countRead(shape: ModelShape, args: Where): PlainRead | null {
  if (!onlyKeys(args, ['where'])) return null;
  const values: unknown[] = [];
  const where = whereSql(shape, args.where, values);
  if (where === null) return null;
  const text = `SELECT count(*)::int AS count FROM ${shape.from} WHERE ${where}`;
  return { text, values, answer: (rows) => Number(rows[0]?.count ?? 0) };
}

/**
 * Reads a model's `findMany`, `findFirst` and `count` as one plain SQL statement each, without
 * Prisma's query engine, when their arguments are of the simple kinds lists and loaders use:
 * `where` (see whereSql), `orderBy` on scalar fields, `take`, `select` of scalar fields. Other reads
 * (includes, relation selects or filters, JSON filters) are null and go to Prisma. The answers have
 * Prisma's shapes.
 */
export function createPlainReads(models: RuntimeModels) {
  const shapes = new Map<string, ModelShape | null>();
  const shape = (model: string) => {
    if (!shapes.has(model)) shapes.set(model, models[model] ? shapeOf(models[model]) : null);
    return shapes.get(model) ?? null;
  };
  return (model: string, operation: string, args: Where): PlainRead | null => {
    const found = shape(model);
    if (!found) return null;
    if (operation === 'findMany') return rowsRead(found, args, false);
    if (operation === 'findFirst') return rowsRead(found, args, true);
    if (operation === 'count') return countRead(found, args);
    return null;
  };
}
export type PlainReads = ReturnType<typeof createPlainReads>;

/**
 * A model's fields for hand-written plain SQL (see `readPlainRows`): `columns(alias)` selects each
 * field from table alias `alias` as `alias.field`, `row(raw, alias)` gives those back as Prisma's
 * row (null when the row's id is null: an outer join found none).
 */
export interface PlainModel {
  columns: (alias: string) => string;
  row: (raw: Record<string, unknown>, alias: string) => Record<string, unknown> | null;
}
export type PlainModels = (model: string) => PlainModel;

function plainModel(shape: ModelShape): PlainModel {
  const fields = [...shape.columns].map(([name, { column }]) => ({ name, column }));
  return {
    columns: (alias) =>
      fields
        .map(({ name, column }) => `${quoted(alias)}.${quoted(column)} AS ${quoted(`${alias}.${name}`)}`)
        .join(', '),
    row: (raw, alias) => {
      if (raw[`${alias}.id`] === null) return null;
      return shape.convert(Object.fromEntries(fields.map(({ name }) => [name, raw[`${alias}.${name}`]])));
    },
  };
}

/** Plain models of a client's runtime data model; a model plain reads cannot map (Bytes fields) throws. */
export function createPlainModels(models: RuntimeModels): PlainModels {
  const made = new Map<string, PlainModel>();
  return (model) => {
    const known = made.get(model);
    if (known) return known;
    const shape = models[model] ? shapeOf(models[model]) : null;
    if (!shape) throw new Error(`${model} cannot be read as plain SQL`);
    const plain = plainModel(shape);
    made.set(model, plain);
    return plain;
  };
}

/** Each service client's pool and plain reads, registered where the client is made (see defineDatabase). */
const plainSources = new WeakMap<
  object,
  { pool: pg.Pool; compile: PlainReads; models: PlainModels; scalarFields: (model: string) => ReadonlySet<string> }
>();

/** A model's scalar and enum fields by name (what Prisma's `select` of columns may name). */
function createScalarFields(models: RuntimeModels) {
  const made = new Map<string, ReadonlySet<string>>();
  return (model: string) => {
    let known = made.get(model);
    if (!known) {
      const fields = models[model]?.fields ?? [];
      known = new Set(fields.filter(isColumn).map((field) => field.name));
      made.set(model, known);
    }
    return known;
  };
}

/** The runtime data model a generated client carries (an internal field; without it every read goes to Prisma). */
export function registerPlainReads(client: object, pool: pg.Pool): void {
  const models = (client as { _runtimeDataModel?: { models?: RuntimeModels } })._runtimeDataModel?.models;
  if (models)
    plainSources.set(client, {
      pool,
      compile: createPlainReads(models),
      models: createPlainModels(models),
      scalarFields: createScalarFields(models),
    });
}

export const plainReadsOf = (client: object) => plainSources.get(client);
