import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from './errors.ts';

export { DateTimeResolver as DateTime, JSONObjectResolver as JSONObject } from 'graphql-scalars';

const decimalPattern = /^-?\d+(\.\d+)?$/;

const invalidDecimal = (value: unknown) =>
  new GraphQLError(`Decimal must be a string like "12.50", got ${JSON.stringify(value)}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && decimalPattern.test(value.trim())) return value.trim();
  throw invalidDecimal(value);
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
    throw invalidDecimal(value);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseDecimal(ast.value);
    throw invalidDecimal(ast.kind);
  },
});
