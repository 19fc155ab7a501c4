import {
  apiError,
  createMapLoader,
  ErrorCode,
  isUuid,
  requireIdentity,
  type Identity,
  type RequestContext,
  type SubgraphClient,
  notFound,
} from '@codex/kit';

/** Whether `userId` is a user of `tenantId`, as Auth answers the caller (batched per request). */
export type TenantUsers = (tenantId: string, userId: string) => Promise<boolean>;

const usersQuery = /* GraphQL */ `
  query CrmUserCheck($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { id } }
  }
`;

/**
 * Auth answers as the caller, seen as an ADMIN of the lead's tenant: a SUPERADMIN's check is
 * narrowed to that tenant (a user of another tenant is not found), and a CLIENT, whom Auth shows
 * only themselves, may still assign a colleague (as before this check). CRM asks for nothing but
 * the ids it was given, and the tenant is always the caller's own or, for a SUPERADMIN, the lead's.
 */
const askingAs = (identity: Identity, tenantId: string): Identity =>
  identity.role === 'ADMIN' ? identity : { ...identity, role: 'ADMIN', tenantId };

const unavailable = () =>
  apiError(ErrorCode.SERVICE_UNAVAILABLE, 'Auth could not confirm the user; try again later', {
    serviceName: 'auth',
  });

/** The ids among `userIds` that Auth shows the caller in `tenantId` (its scoping hides missing and foreign ones). */
async function usersFound(
  request: RequestContext,
  auth: SubgraphClient,
  tenantId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  const forwarded = {
    requestId: request.requestId,
    clientIp: request.clientIp,
    userAgent: request.userAgent,
    identity: askingAs(requireIdentity(request.identity), tenantId),
  };
  const answer = await auth<{ _entities?: ({ id?: string } | null)[] }>(forwarded, usersQuery, {
    representations: userIds.map((id) => ({ __typename: 'User', id })),
  });
  const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
  // A user of another tenant may be refused rather than hidden: either way it is not found.
  const refusals = new Set<unknown>([ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN]);
  if (codes.some((code) => !refusals.has(code)) || !Array.isArray(answer.data?._entities)) {
    request.logger.error({ errors: answer.errors }, 'Auth could not confirm users');
    throw unavailable();
  }
  return new Set(answer.data._entities.flatMap((user) => (user?.id ? [user.id] : [])));
}

/**
 * One `_entities` call to Auth per tenant and batch of ids a request names. Asked before the
 * write's transaction: no database transaction waits on another service.
 */
export function createTenantUsers(request: RequestContext, auth: SubgraphClient): TenantUsers {
  const loader = createMapLoader(
    async (keys: readonly string[]) => {
      const byTenant = new Map<string, string[]>();
      for (const key of keys) {
        const [tenantId = '', userId = ''] = key.split(':');
        byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), userId]);
      }
      const answers = new Map<string, boolean>();
      for (const [tenantId, userIds] of byTenant) {
        const found = await usersFound(request, auth, tenantId, userIds);
        for (const userId of userIds) answers.set(`${tenantId}:${userId}`, found.has(userId));
      }
      return answers;
    },
    () => false,
  );
  return async (tenantId, userId) => isUuid(userId) && loader.load(`${tenantId}:${userId}`);
}

/** The assignee is a user of the lead's tenant, else NOT_FOUND naming `input.assigneeId`. */
export async function confirmAssignee(
  tenantUsers: TenantUsers,
  tenantId: string,
  assigneeId: string | null | undefined,
): Promise<void> {
  if (!assigneeId) return;
  if (!(await tenantUsers(tenantId, assigneeId))) throw notFound('User', 'input.assigneeId');
}
