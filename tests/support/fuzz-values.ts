/**
 * Hostile values by GraphQL type, as issue 21 lists them. Each value has a `kind` that failure
 * reports name ("int:2^31", "json:deep-3000"), so a red run says which value broke which field.
 */
export interface Hostile {
  kind: string;
  value: unknown;
}

/**
 * A JSON number JavaScript cannot hold (2⁵³+1, a 400-digit decimal): kept as a marked string
 * here and written out as bare digits by `encodeBody` / `printLiteral`.
 */
const rawPrefix = '\u0001raw-number:';
export const rawNumber = (digits: string) => `${rawPrefix}${digits}`;
export const rawDigits = (value: unknown) =>
  typeof value === 'string' && value.startsWith(rawPrefix) ? value.slice(rawPrefix.length) : null;

/** JSON for a request body, with raw numbers unquoted. */
export function encodeBody(body: unknown): string {
  return JSON.stringify(body).replace(/"\\u0001raw-number:([-+0-9.eE]+)"/g, '$1');
}

const hugeDecimal = `${'9'.repeat(400)}.${'9'.repeat(40)}`;

export const hostileStrings: Hostile[] = [
  { kind: 'string:empty', value: '' },
  { kind: 'string:100KB', value: 'x'.repeat(102_400) },
  { kind: 'string:NUL', value: 'fz\u0000nul' },
  { kind: 'string:lone-surrogate', value: 'fz\uD800x' },
  { kind: 'string:rtl-zero-width', value: '\u202Efz\u200B\u200D\uFEFF\u2067x' },
  { kind: 'string:sql', value: "fz'); DROP TABLE users; -- ' OR '1'='1" },
  { kind: 'string:tsquery', value: "fz & !(a | b) <-> c:* ' \\ :: (" },
];

export const hostileInts: Hostile[] = [
  { kind: 'int:negative', value: -1 },
  { kind: 'int:zero', value: 0 },
  { kind: 'int:2^31', value: 2 ** 31 },
  { kind: 'int:-2^31-1', value: -(2 ** 31) - 1 },
  { kind: 'int:2^53+1', value: rawNumber('9007199254740993') },
  { kind: 'int:huge-decimal', value: rawNumber(hugeDecimal) },
  { kind: 'int:numeric-string', value: '5' },
];

export const hostileFloats: Hostile[] = [
  { kind: 'float:negative', value: -1.5 },
  { kind: 'float:zero', value: 0 },
  { kind: 'float:2^31', value: 2 ** 31 },
  { kind: 'float:-2^31', value: -(2 ** 31) },
  { kind: 'float:2^53+1', value: rawNumber('9007199254740993') },
  { kind: 'float:huge-decimal', value: rawNumber(hugeDecimal) },
  { kind: 'float:numeric-string', value: '5' },
];

/** `Decimal` is a string on this platform: the same figures as strings, and a bare number as the wrong type. */
export const hostileDecimals: Hostile[] = [
  { kind: 'decimal:negative', value: '-1' },
  { kind: 'decimal:zero', value: '0' },
  { kind: 'decimal:2^31', value: '2147483648' },
  { kind: 'decimal:-2^31', value: '-2147483648' },
  { kind: 'decimal:2^53+1', value: '9007199254740993' },
  { kind: 'decimal:huge', value: hugeDecimal },
  { kind: 'decimal:exponent', value: '1e400' },
  { kind: 'decimal:NaN', value: 'NaN' },
  { kind: 'decimal:number', value: 5 },
];

export const hostileDates: Hostile[] = [
  { kind: 'date:garbage', value: 'not a date' },
  { kind: 'date:feb-30', value: '2025-02-30T00:00:00.000Z' },
  { kind: 'date:year-0', value: '0000-01-01T00:00:00.000Z' },
  { kind: 'date:year-9999', value: '9999-12-31T23:59:59.999Z' },
  { kind: 'date:js-max', value: '+275760-09-13T00:00:00.000Z' },
  { kind: 'date:js-min', value: '-271821-04-20T00:00:00.000Z' },
  { kind: 'date:beyond-js', value: '+275760-09-13T00:00:00.001Z' },
  { kind: 'date:number', value: 8.64e15 },
];

/** Ids: `own` is the baseline id of the position (a row of the fuzz tenant), `foreign` the same kind of row of another tenant. */
export const hostileIds = (own: string, foreign: string): Hostile[] => [
  { kind: 'id:not-uuid', value: 'not-a-uuid' },
  { kind: 'id:upper-case', value: own.toUpperCase() },
  { kind: 'id:nil-uuid', value: '00000000-0000-0000-0000-000000000000' },
  { kind: 'id:other-tenant', value: foreign },
];

function deepJson(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

export const hostileJson = (): Hostile[] => [
  { kind: 'json:array', value: [1, 2] },
  { kind: 'json:string', value: 'fz' },
  { kind: 'json:number', value: 42 },
  { kind: 'json:deep-3000', value: deepJson(3000) },
  { kind: 'json:__proto__', value: JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') },
  { kind: 'json:NUL', value: { 'k\u0000ey': 'v\u0000alue' } },
  // Just under the gateway's 1 MiB body limit, so it travels on to the subgraph…
  { kind: 'json:900KB', value: { blob: 'x'.repeat(900 * 1024) } },
  // …and 1 MB, which the gateway's limit meets first.
  { kind: 'json:1MB', value: { blob: 'x'.repeat(1_048_576) } },
];

export const hostileEnum: Hostile[] = [{ kind: 'enum:unknown', value: 'FUZZ_NOT_A_VALUE' }];

export const hostileBooleans: Hostile[] = [{ kind: 'boolean:string', value: 'true' }];

export const hostileLists = (element: unknown): Hostile[] => [
  { kind: 'list:empty', value: [] },
  { kind: 'list:10000', value: Array.from({ length: 10_000 }, () => element) },
];

/** Cursors: garbage, a real one tampered with, and one of the wrong type (another order, a number for a date). */
export function hostileCursors(real: string): Hostile[] {
  const [field, direction, , id] = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as unknown[];
  const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  return [
    { kind: 'cursor:garbage', value: '!!not*a*cursor' },
    { kind: 'cursor:tampered-id', value: encode([field, direction, { d: new Date().toISOString() }, 'not-a-uuid']) },
    { kind: 'cursor:tampered-date', value: encode([field, direction, { d: '+275760-09-13T00:00:00.001Z' }, id]) },
    { kind: 'cursor:wrong-type', value: encode([field, direction, 12345, id]) },
    { kind: 'cursor:other-order', value: encode(['name', 'DESC', 'fz', id]) },
  ];
}
