import { badInput, isUuid, loadTenantPage, type PageArgs } from '@codex/kit';
import type { AuthDatabase, AuthEventType, Prisma } from './db.ts';
import type { AuthRequest } from './request.ts';

export interface AuthEventInput {
  type: AuthEventType;
  tenantId: string | null;
  userId: string | null;
  email?: string | null;
  metadata?: Prisma.InputJsonObject;
}

/** An event of a user's session (login, refresh, reuse): the user, and the session family it concerns. */
export const sessionEvent = (
  type: AuthEventType,
  user: { id: string; tenantId: string | null; email: string },
  sessionId: string,
): AuthEventInput => ({ type, tenantId: user.tenantId, userId: user.id, email: user.email, metadata: { sessionId } });

/** Records a security event with the caller's address; pass the transaction of the write it belongs to. */
export async function recordAuthEvent(
  tx: Pick<AuthDatabase, 'authEvent'>,
  request: Pick<AuthRequest, 'clientIp' | 'userAgent'>,
  event: AuthEventInput,
) {
  await tx.authEvent.create({
    data: {
      type: event.type,
      tenantId: event.tenantId,
      userId: event.userId,
      email: event.email ?? null,
      ip: request.clientIp,
      userAgent: request.userAgent,
      metadata: event.metadata ?? {},
    },
  });
}

/** ADMIN: their tenant's events; SUPERADMIN: all (platform events have no tenant). */
export function listAuthEvents(
  request: AuthRequest,
  args: PageArgs & { tenantId?: string | null; userId?: string | null; type?: AuthEventType | null },
) {
  if (args.userId && !isUuid(args.userId)) throw badInput('userId must be an id', 'userId');
  return loadTenantPage(request, args, request.db.authEvent, {
    ...(args.userId ? { userId: args.userId } : {}),
    ...(args.type ? { type: args.type } : {}),
  });
}
