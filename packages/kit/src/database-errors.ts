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
