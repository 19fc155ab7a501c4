/** Prisma's known request errors carry a stable code (https://www.prisma.io/docs/orm/reference/error-reference). */
const prismaCodeOf = (error: unknown) =>
  error instanceof Error && error.name === 'PrismaClientKnownRequestError'
    ? (error as Error & { code?: string }).code
    : undefined;

/** A unique constraint refused the write (e.g. a taken slug or email). */
export const isUniqueViolation = (error: unknown) => prismaCodeOf(error) === 'P2002';

/** A foreign key refused the write (the referenced row is gone, or still referenced). */
/**
 * The write's result, or `refusal()` when a unique index refused it (the index is the last word on
 * "already taken", also for two writes racing past an earlier check); other errors pass through.
 */
export async function onUniqueViolation<T>(write: Promise<T>, refusal: () => Error): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal();
    throw error;
  }
}

export const isForeignKeyViolation = (error: unknown) => prismaCodeOf(error) === 'P2003';

/** An update or delete found no row to change (missing, or outside the caller's scope). */
export const isRecordMissing = (error: unknown) => prismaCodeOf(error) === 'P2025';

/**
 * Prisma codes for a value the column cannot hold: too long (P2000), invalid (P2006, P2007, P2009),
 * JSON path (P2019), out of range (P2020, P2033), inconsistent (P2023). P2012 (a required value
 * missing) is left out: that is a bug, not input. With `@prisma/adapter-pg`, 22001 arrives as P2000,
 * 22003 as P2020, 22P02 as P2007; other SQL states as P2039 ("Database error") or P2010 (raw
 * queries), the state in `meta.driverAdapterError.cause.originalCode`.
 */
const invalidValuePrismaCodes = new Set(['P2000', 'P2006', 'P2007', 'P2009', 'P2019', 'P2020', 'P2023', 'P2033']);

interface DriverCause {
  originalCode?: unknown;
  code?: unknown;
  column?: unknown;
}

/** Where an error keeps what PostgreSQL said: the adapter's cause (Prisma 7) or pg's own error. */
function driverCauseOf(error: unknown): DriverCause | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } }).meta;
  if (meta?.driverAdapterError?.cause) return meta.driverAdapterError.cause;
  if ((error as Error).name === 'DriverAdapterError') return (error as { cause?: DriverCause }).cause;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? (error as DriverCause) : undefined;
}

/** The SQLSTATE of a database error (from Prisma's adapter error or pg), if there is one. */
export function sqlStateOf(error: unknown): string | undefined {
  const cause = driverCauseOf(error);
  const state = cause?.originalCode ?? cause?.code;
  return typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state) ? state : undefined;
}

/**
 * The caller sent a value the column cannot hold: SQLSTATE class 22 (data exception: too long,
 * out of range, bad date, NUL, bad JSON…) or 23514 (a CHECK such as a date window), or Prisma's
 * codes for the same. `column` is set when the database named it.
 */
export function invalidValueOf(error: unknown): { column?: string } | undefined {
  const state = sqlStateOf(error);
  const prismaCode = prismaCodeOf(error);
  const isInvalid =
    (state !== undefined && (state.startsWith('22') || state === '23514')) ||
    (prismaCode !== undefined && invalidValuePrismaCodes.has(prismaCode));
  if (!isInvalid) return undefined;
  const column = driverCauseOf(error)?.column;
  return typeof column === 'string' && column !== '' ? { column } : {};
}

/** The error a resolver threw, under GraphQL's and Apollo's wrappers. */
export function rootCauseOf(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = (current as { originalError?: unknown } | null)?.originalError;
    if (inner === undefined || inner === null || inner === current) return current;
    current = inner;
  }
  return current;
}

/**
 * The database refused more work for now, not the request: a statement cancelled by
 * statement_timeout (SQLSTATE 57014) or no pool connection in time (DATABASE_POOL_TIMEOUT_MS, or
 * Prisma's transaction maxWait, P2028). Prisma wraps the driver's error differently per path, so the
 * cause chain and the message are both read.
 */
export function isDatabaseBusy(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const { code, originalCode, message, cause, originalError, meta } = error as Record<string, unknown>;
  if (code === '57014' || originalCode === '57014') return true;
  if (typeof message === 'string' && busyMessage.test(message)) return true;
  const driverError = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return [cause, originalError, driverError].some((inner) => isDatabaseBusy(inner, depth + 1));
}
const busyMessage =
  /canceling statement due to statement timeout|timeout exceeded when trying to connect|Unable to start a transaction in the given time/;
