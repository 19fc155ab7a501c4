export { createCmsDatabase, scopeCmsDatabase, cmsTenantKeys, type CmsDatabase } from './db.ts';
export { seedCmsDemo } from './seed.ts';
export { cmsSubgraph } from './subgraph.ts';
