import { Prisma } from './db.ts';

/** A unique constraint refused the write (e.g. a taken slug or email). */
export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
