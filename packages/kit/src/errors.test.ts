import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { invalidValueOf, isUniqueViolation, rootCauseOf, sqlStateOf } from './database-errors.ts';
import { badInput, formatApiError } from './errors.ts';

/** What Prisma 7 throws with @prisma/adapter-pg: the adapter's error, PostgreSQL's state in its cause. */
function prismaError(code: string, cause: Record<string, unknown>) {
  const error = new Error(`Invalid \`prisma.customer.create()\` invocation in /app/src/customers.ts:12:3`);
  error.name = 'PrismaClientKnownRequestError';
  const driverAdapterError = Object.assign(new Error(String(cause.kind)), { name: 'DriverAdapterError', cause });
  return Object.assign(error, { code, meta: { driverAdapterError } });
}

const internal = { message: 'Invalid `prisma.customer.create()` invocation: 22021', path: ['createCustomer'] };

describe('database error classification', () => {
  it.each([
    ['a NUL in text (22021, P2039)', prismaError('P2039', { kind: 'postgres', originalCode: '22021' })],
    ['a NUL in JSON (22P05)', prismaError('P2039', { kind: 'postgres', originalCode: '22P05' })],
    ['a date out of range (22008)', prismaError('P2039', { kind: 'postgres', originalCode: '22008' })],
    ['a CHECK (23514)', prismaError('P2039', { kind: 'postgres', originalCode: '23514' })],
    ['a raw query (P2010)', prismaError('P2010', { kind: 'postgres', originalCode: '22P02' })],
    ['an out-of-range number (P2020)', prismaError('P2020', { kind: 'ValueOutOfRange', originalCode: '22003' })],
    ['pg itself', Object.assign(new Error('invalid byte sequence'), { code: '22021', severity: 'ERROR' })],
  ])('%s is an invalid value', (_name, error) => {
    expect(invalidValueOf(error)).toEqual({});
  });

  it('names the column when the database does', () => {
    const tooLong = prismaError('P2000', { kind: 'LengthMismatch', originalCode: '22001', column: 'first_name' });
    expect(invalidValueOf(tooLong)).toEqual({ column: 'first_name' });
    expect(sqlStateOf(tooLong)).toBe('22001');
  });

  it.each([
    ['a unique violation', prismaError('P2002', { kind: 'UniqueConstraintViolation', originalCode: '23505' })],
    ['a lost connection', prismaError('P1017', { kind: 'ConnectionClosed' })],
    ['a syntax error', prismaError('P2010', { kind: 'postgres', originalCode: '42601' })],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s is not', (_name, error) => {
    expect(invalidValueOf(error)).toBeUndefined();
  });

  it('keeps the older helpers', () => {
    expect(isUniqueViolation(prismaError('P2002', { kind: 'UniqueConstraintViolation' }))).toBe(true);
  });

  it('finds the resolver error under GraphQL wrappers', () => {
    const cause = new Error('deep');
    const wrapped = new GraphQLError('outer', { originalError: new GraphQLError('inner', { originalError: cause }) });
    expect(rootCauseOf(wrapped)).toBe(cause);
  });
});

describe('formatApiError', () => {
  it('keeps errors raised on purpose', () => {
    const formatted = { message: 'input.name: too long', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } };
    expect(formatApiError(formatted, {})).toEqual(formatted);
    const notFound = { message: 'Customer not found', extensions: { code: 'NOT_FOUND' } };
    expect(formatApiError(notFound)).toEqual(notFound);
  });

  it('masks everything else in every mode, with no Prisma text, SQL state, path or stack', () => {
    const error = new GraphQLError(internal.message, { originalError: new Error('boom') });
    const formatted = {
      ...internal,
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /app/src/x.ts:1'] },
    };
    expect(formatApiError(formatted, { error })).toEqual({
      message: 'Internal server error',
      path: ['createCustomer'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(formatApiError({ message: 'no code at all' })).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('shows stack traces only when exposeStacks is set', () => {
    const formatted = { ...internal, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } };
    expect(formatApiError(formatted, { exposeStacks: true }).extensions?.stacktrace).toEqual(['at x']);
    expect(formatApiError(formatted, { exposeStacks: false }).extensions?.stacktrace).toBeUndefined();
  });

  it('keeps the serviceName and requestId of a masked error', () => {
    const formatted = {
      message: 'x',
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'crm', requestId: 'r' },
    };
    expect(formatApiError(formatted).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      serviceName: 'crm',
      requestId: 'r',
    });
  });

  it('turns a value the database refused into BAD_USER_INPUT "Invalid value"', () => {
    const cause = prismaError('P2000', { kind: 'LengthMismatch', originalCode: '22001', column: 'first_name' });
    const error = new GraphQLError(cause.message, { originalError: cause });
    expect(formatApiError({ ...internal, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, { error })).toEqual({
      message: 'Invalid value',
      path: ['createCustomer'],
      extensions: { code: 'BAD_USER_INPUT', field: 'first_name' },
    });
  });

  it('turns a statement cancelled by its timeout into SERVICE_UNAVAILABLE, not an internal error', () => {
    const cause = prismaError('P2039', { kind: 'postgres', originalCode: '57014' });
    const error = new GraphQLError(cause.message, { originalError: cause });
    expect(formatApiError({ ...internal, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, { error })).toEqual({
      message: 'The database is busy; retry shortly',
      path: ['createCustomer'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('names the variable path of a scalar refused in variables', () => {
    const message =
      'Variable "$input" got invalid value "2026-02-30" at "input.startAt"; DateTime must be an RFC 3339 date-time';
    expect(formatApiError({ message, extensions: { code: 'BAD_USER_INPUT' } }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.startAt',
    });
    const whole = 'Variable "$from" got invalid value 5; DateTime must be an RFC 3339 date-time';
    expect(formatApiError({ message: whole, extensions: { code: 'BAD_USER_INPUT' } }).extensions?.field).toBe('from');
  });

  it('reports a scalar refused in a literal as BAD_USER_INPUT, not a validation failure', () => {
    const refusal = badInput('DateTime must be an RFC 3339 date-time');
    const error = new GraphQLError('Expected value of type "DateTime!", found "x"; …', { originalError: refusal });
    const formatted = { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(formatApiError(formatted, { error }).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
