import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from './errors.ts';
import { isStorableText, unstorableTextMessage } from './storable-text.ts';

/** The earliest date the API stores: PostgreSQL, JavaScript and RFC 3339 (4-digit years) all hold it. */
export const earliestDate = new Date('1900-01-01T00:00:00.000Z');
/** The latest date the API stores: the last instant a 4-digit RFC 3339 year can name. */
export const latestDate = new Date('9999-12-31T23:59:59.999Z');

export const isInDateWindow = (date: Date): boolean =>
  date.getTime() >= earliestDate.getTime() && date.getTime() <= latestDate.getTime();

const refused = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The instant an RFC 3339 date-time names, or null when it is malformed or impossible (Feb 30, 25:00). */
export function parseRfc3339(text: string): Date | null {
  const match = rfc3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateTimeMessage = 'DateTime must be an RFC 3339 date-time such as "2026-01-31T12:00:00Z"';

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || value.length > 64) throw refused(dateTimeMessage);
  const date = parseRfc3339(value);
  if (!date) throw refused(dateTimeMessage);
  if (!isInDateWindow(date)) {
    throw refused(`DateTime must be between ${earliestDate.toISOString()} and ${latestDate.toISOString()}`);
  }
  return date;
}

export const dayMs = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants with a 4-digit ISO year. */
const fourDigitYears = { first: -62_167_219_200_000, last: 253_402_300_799_999 };
const twoDigits = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const threeDigits = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1–12, day 1–31), in arithmetic: the
 * inverse of the civil-from-days step of isoDateTime (years from March, 400-year eras).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const fromMarch = month > 2 ? year : year - 1;
  const era = Math.floor(fromMarch / 400);
  const yearOfEra = fromMarch - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * `new Date(ms).toISOString()` for a 4-digit year, in arithmetic (the civil date of a day count, as
 * in Howard Hinnant's `civil_from_days`): V8's `toISOString` formats through C++ at ~1 µs a date, and
 * an events page prints 20 of them. Other years go to `toISOString` (its 6-digit signed form).
 */
export function isoDateTime(ms: number): string {
  if (!(ms >= fourDigitYears.first && ms <= fourDigitYears.last)) return new Date(ms).toISOString();
  const days = Math.floor(ms / dayMs);
  const inDay = ms - days * dayMs;
  // Days since 0000-03-01, in 400-year eras of 146,097 days; years start in March (leap day last).
  const sinceMarch = days + 719_468;
  const era = Math.floor(sinceMarch / 146_097);
  const dayOfEra = sinceMarch - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const seconds = Math.floor(inDay / 1000);
  return `${twoDigits[Math.floor(year / 100)]}${twoDigits[year % 100]}-${twoDigits[month]}-${twoDigits[day]}T${
    twoDigits[Math.floor(seconds / 3600)]
  }:${twoDigits[Math.floor(seconds / 60) % 60]}:${twoDigits[seconds % 60]}.${threeDigits[inDay % 1000]}Z`;
}

/**
 * Dates out of the window are still serialised (as JavaScript's extended ISO form): the boundary and
 * the databases' CHECKs keep new ones out, and refusing an old row would fail every list holding it.
 */
function serializeDateTime(value: unknown): string {
  const date =
    value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  const ms = date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new GraphQLError('DateTime cannot represent an invalid date');
  return isoDateTime(ms);
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: `An RFC 3339 date-time between ${earliestDate.toISOString()} and ${latestDate.toISOString()}.`,
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const maxJsonDepth = 32;
export const maxJsonBytes = 1024 * 1024;
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON value's path and the object its copy goes into (null for the root). */
interface PendingValue {
  value: unknown;
  path: string;
  depth: number;
  into: Record<string, unknown> | unknown[] | null;
  key: string | number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Approximate serialised size of a primitive (strings counted in UTF-16 units, enough for a bound). */
const primitiveBytes = (value: unknown) => (typeof value === 'string' ? value.length + 2 : String(value).length);

/**
 * Checks and copies a JSON value without recursion: depth, size, storable text, no keys that could
 * reach a prototype; objects are rebuilt on null-prototype-free plain objects via defineProperty, so
 * nothing the caller sends can change `Object.prototype`.
 */
function copyJson(root: unknown): unknown {
  const result: { root?: unknown } = {};
  const stack: PendingValue[] = [{ value: root, path: '', depth: 0, into: null, key: 'root' }];
  let bytes = 0;
  while (stack.length > 0) {
    const { value, path, depth, into, key } = stack.pop() as PendingValue;
    if (depth > maxJsonDepth) throw refused(`JSONObject must nest at most ${maxJsonDepth} levels`);
    let copy: unknown;
    if (Array.isArray(value)) {
      copy = new Array(value.length);
      bytes += 2 + value.length;
      for (let index = 0; index < value.length; index++) {
        stack.push({
          value: value[index],
          path: `${path}.${index}`,
          depth: depth + 1,
          into: copy as unknown[],
          key: index,
        });
      }
    } else if (isPlainObject(value)) {
      copy = {};
      for (const [name, item] of Object.entries(value)) {
        if (forbiddenKeys.has(name)) throw refused(`JSONObject must not use the key "${name}" (at ${path || '.'})`);
        if (!isStorableText(name)) throw refused(`JSONObject keys ${unstorableTextMessage} (at ${path || '.'})`);
        bytes += name.length + 4;
        stack.push({
          value: item,
          path: `${path}.${name}`,
          depth: depth + 1,
          into: copy as Record<string, unknown>,
          key: name,
        });
      }
      bytes += 2;
    } else if (typeof value === 'string') {
      if (!isStorableText(value)) throw refused(`JSONObject values ${unstorableTextMessage} (at ${path})`);
      copy = value;
    } else if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      copy = value;
    } else {
      throw refused(`JSONObject cannot hold ${typeof value} (at ${path})`);
    }
    bytes += primitiveBytes(copy);
    if (bytes > maxJsonBytes) throw refused(`JSONObject must be at most ${maxJsonBytes} bytes`);
    if (into === null) result.root = copy;
    else Object.defineProperty(into, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return result.root;
}

function parseJsonObject(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw refused('JSONObject must be an object (not an array, string or number)');
  return copyJson(value) as Record<string, unknown>;
}

/** A GraphQL literal as a plain value, without recursion (variables inside are looked up). */
function literalValue(root: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  const result: { root?: unknown } = {};
  const stack: {
    node: ValueNode;
    into: Record<string, unknown> | unknown[] | null;
    key: string | number;
    depth: number;
  }[] = [{ node: root, into: null, key: 'root', depth: 0 }];
  while (stack.length > 0) {
    const { node, into, key, depth } = stack.pop() as (typeof stack)[number];
    if (depth > maxJsonDepth) throw refused(`JSONObject must nest at most ${maxJsonDepth} levels`);
    let value: unknown;
    switch (node.kind) {
      case Kind.OBJECT:
        value = {};
        for (const field of node.fields) {
          if (forbiddenKeys.has(field.name.value))
            throw refused(`JSONObject must not use the key "${field.name.value}"`);
          stack.push({
            node: field.value,
            into: value as Record<string, unknown>,
            key: field.name.value,
            depth: depth + 1,
          });
        }
        break;
      case Kind.LIST:
        value = new Array(node.values.length);
        for (const [index, item] of node.values.entries()) {
          stack.push({ node: item, into: value as unknown[], key: index, depth: depth + 1 });
        }
        break;
      case Kind.STRING:
      case Kind.ENUM:
        value = node.value;
        break;
      case Kind.INT:
      case Kind.FLOAT:
        value = Number(node.value);
        break;
      case Kind.BOOLEAN:
        value = node.value;
        break;
      case Kind.NULL:
        value = null;
        break;
      case Kind.VARIABLE:
        value = variables?.[node.name.value];
        break;
    }
    if (into === null) result.root = value;
    else Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result.root;
}

export const JSONObject = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSONObject',
  description: `A JSON object: at most ${maxJsonDepth} levels deep and ${maxJsonBytes} bytes, no NUL characters.`,
  serialize: (value) => {
    if (!isPlainObject(value)) throw new GraphQLError('JSONObject cannot represent a non-object value');
    return value;
  },
  parseValue: parseJsonObject,
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.OBJECT) throw refused('JSONObject must be an object (not an array, string or number)');
    return parseJsonObject(literalValue(ast, variables));
  },
});

/** Today's money columns are `Decimal(19, 4)`: 15 integer digits, 4 decimals. */
export const decimalIntegerDigits = 15;
export const decimalScale = 4;
const decimalPattern = new RegExp(`^-?\\d{1,${decimalIntegerDigits}}(\\.\\d{1,${decimalScale}})?$`);
const decimalMessage = `Decimal must be a string like "12.50" with at most ${decimalIntegerDigits} digits before the point and ${decimalScale} after`;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || value.length > 64) throw refused(decimalMessage);
  const trimmed = value.trim();
  if (!decimalPattern.test(trimmed)) throw refused(decimalMessage);
  return trimmed;
}

/**
 * Exact decimal numbers (money, quantities) as strings on the wire: JSON numbers are doubles and
 * would round. Inputs are strings; outputs are Prisma Decimals (or strings) printed in full.
 */
export const Decimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.5000". Money is never a float.',
  serialize: (value) => {
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      (typeof value === 'object' && value !== null && 'toFixed' in value)
    )
      return String(value);
    throw new GraphQLError(`Decimal cannot represent ${typeof value}`);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});
