export { loadCmsSettings, type CmsSettings } from './settings.ts';
export { createCmsDatabase, scopeCmsDatabase, cmsTenantKeys, type CmsDatabase } from './db.ts';
export { uploadMedia, type MediaRequest } from './media-files.ts';
export { localMediaStorage, type MediaStorage } from './media-storage.ts';
export { seedCmsDemo } from './seed.ts';
export { cmsSubgraph } from './subgraph.ts';
