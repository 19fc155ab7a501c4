export { createCrmDatabase, scopeCrmDatabase, crmTenantKeys, type CrmDatabase } from './db.ts';
export { seedCrmDemo } from './seed.ts';
export { crmSubgraph } from './subgraph.ts';
