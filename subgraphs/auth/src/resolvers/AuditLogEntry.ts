import type { AuditLogEntryResolvers } from '../generated/graphql.ts';

export const AuditLogEntry: AuditLogEntryResolvers = {
  changes: (entry) => (entry.changes === null ? null : JSON.stringify(entry.changes)),
};
