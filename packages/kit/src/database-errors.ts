/** Prisma's known request errors carry a stable code (https://www.prisma.io/docs/orm/reference/error-reference). */
const prismaCodeOf = (error: unknown) =>
  error instanceof Error && error.name === 'PrismaClientKnownRequestError'
    ? (error as Error & { code?: string }).code
    : undefined;

/** A unique constraint refused the write (e.g. a taken slug or email). */
export const isUniqueViolation = (error: unknown) => prismaCodeOf(error) === 'P2002';

/** A foreign key refused the write (the referenced row is gone, or still referenced). */
export const isForeignKeyViolation = (error: unknown) => prismaCodeOf(error) === 'P2003';

/** An update or delete found no row to change (missing, or outside the caller's scope). */
export const isRecordMissing = (error: unknown) => prismaCodeOf(error) === 'P2025';

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
