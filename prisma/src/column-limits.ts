/**
 * The limits a Prisma schema puts on its columns, read from the schema text (no engine needed):
 * `@db.VarChar(n)` lengths, the range of `Int` columns and `@db.Decimal(p, s)` shapes, per model.
 * The generator writes them to `subgraphs/<service>/src/generated/column-limits.ts` for zod schemas.
 */
export interface ColumnLimits {
  varChar: Record<string, Record<string, number>>;
  intRange: Record<string, Record<string, { min: number; max: number }>>;
  decimal: Record<string, Record<string, { precision: number; scale: number }>>;
}

const intRanges: Record<string, { min: number; max: number }> = {
  Int: { min: -2_147_483_648, max: 2_147_483_647 },
  SmallInt: { min: -32_768, max: 32_767 },
};

const modelStart = /^model (\w+) \{$/;
const field = /^\s+(\w+)\s+(\w+)(?:\[\])?\??\s*(.*)$/;

function addTo<T>(table: Record<string, Record<string, T>>, model: string, name: string, value: T) {
  table[model] = { ...table[model], [name]: value };
}

function readField(limits: ColumnLimits, model: string, line: string) {
  const [, name, type, attributes = ''] = line.match(field) ?? [];
  if (!name || !type) return;
  const varChar = attributes.match(/@db\.VarChar\((\d+)\)/);
  const decimal = attributes.match(/@db\.Decimal\((\d+),\s*(\d+)\)/);
  if (type === 'String' && varChar) addTo(limits.varChar, model, name, Number(varChar[1]));
  if (type === 'Int')
    addTo(limits.intRange, model, name, intRanges[/@db\.SmallInt\b/.test(attributes) ? 'SmallInt' : 'Int']);
  if (type === 'Decimal' && decimal) {
    addTo(limits.decimal, model, name, { precision: Number(decimal[1]), scale: Number(decimal[2]) });
  }
}

export function readColumnLimits(schema: string): ColumnLimits {
  const limits: ColumnLimits = { varChar: {}, intRange: {}, decimal: {} };
  let model: string | undefined;
  for (const line of schema.split('\n')) {
    const start = line.match(modelStart);
    if (start) model = start[1];
    else if (line.startsWith('}')) model = undefined;
    else if (model && !/^\s*(@@|\/\/|$)/.test(line)) readField(limits, model, line);
  }
  return limits;
}

/** The generated module's text. */
export function columnLimitsModule(service: string, { varChar, intRange, decimal }: ColumnLimits): string {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    `// Generated from prisma/${service}/schema.prisma by prisma/scripts/generate.ts; do not edit.`,
    '',
    '/** `@db.VarChar(n)` lengths per model and field: the most characters a column holds. */',
    `export const columnLimits = ${json(varChar)} as const;`,
    '',
    '/** The range an `Int` column holds, per model and field. */',
    `export const intRange = ${json(intRange)} as const;`,
    '',
    '/** `@db.Decimal(precision, scale)` per model and field. */',
    `export const decimalLimits = ${json(decimal)} as const;`,
    '',
  ].join('\n');
}
