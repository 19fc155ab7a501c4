import { auditChangesAsText } from '@codex/kit';
import type { AuditLogEntryResolvers } from '../generated/graphql.ts';

export const AuditLogEntry: AuditLogEntryResolvers = {
  changes: auditChangesAsText,
};
