import { isUuid } from '@codex/kit';
import type { AuthContext } from '../context.ts';

export const Tenant = {
  __resolveReference: (reference: { id: string }, context: AuthContext) =>
    isUuid(reference.id) ? context.loaders.tenantById.load(reference.id) : null,
  users: (tenant: { id: string }, _args: unknown, context: AuthContext) => context.loaders.usersSummary.load(tenant.id),
};
