import { createSubgraphContext, type RequestContext, type SubgraphClient, type SubgraphContext } from '@codex/kit';
import { scopeCrmDatabase, type CrmDatabase } from './db.ts';
import { createCrmLoaders, type CrmLoaders } from './loaders.ts';
import { createTenantUsers, type TenantUsers } from './tenant-users.ts';

export type CrmContext = SubgraphContext<CrmDatabase, CrmLoaders> & {
  /** Asks Auth, as the caller, whether named users (lead assignees) are in a tenant. */
  tenantUsers: TenantUsers;
};

/** The database scoped once per request (kit), and the request's own Auth check. */
export const createCrmContext = (base: RequestContext, db: CrmDatabase, auth: SubgraphClient): CrmContext =>
  createSubgraphContext(
    base,
    { database: db, scope: scopeCrmDatabase, loaders: createCrmLoaders },
    { tenantUsers: createTenantUsers(base, auth) },
  );
