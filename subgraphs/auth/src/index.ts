export { createAuthDatabase, scopeAuthDatabase, authTenantKeys, type AuthDatabase } from './db.ts';
export { seedAuthDemo } from './seed.ts';
export { authSubgraph } from './subgraph.ts';
export { pruneStaleRows, pruneStaleRowsTask } from './prune.ts';
export { loadAuthSettings } from './settings.ts';
export { createMailOutbox, queueMail, sendMailTask, type MailOutbox, type OutgoingMail } from './mail-outbox.ts';
export { readTenantsWithUsers, type TenantWithUsers } from './user-summary.ts';
