import { isUuid } from '@codex/kit';
import type { QueryResolvers } from '../generated/graphql.ts';
import { listTenants } from '../tenants.ts';

export const Query: QueryResolvers = {
  tenants: (_root, args, context) => listTenants(context.db, args),
  tenant: (_root, args, context) => (isUuid(args.id) ? context.loaders.tenantById.load(args.id) : null),
};
