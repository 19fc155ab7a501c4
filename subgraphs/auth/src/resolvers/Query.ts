import { isUuid, type PageArgs } from '@codex/kit';
import type { AuthContext } from '../context.ts';
import { listTenants } from '../tenants.ts';

export const Query = {
  tenants: (_root: unknown, args: PageArgs, context: AuthContext) => listTenants(context.db, args),
  tenant: (_root: unknown, args: { id: string }, context: AuthContext) =>
    isUuid(args.id) ? context.loaders.tenantById.load(args.id) : null,
};
