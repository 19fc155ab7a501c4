import { isUuid } from '@codex/kit';
import { listApiKeys } from '../api-keys.ts';
import { listAuditLog } from '@codex/kit';
import { listAuthEvents } from '../auth-events.ts';
import type { QueryResolvers } from '../generated/graphql.ts';
import { listInvitations } from '../invitations.ts';
import { listMachineClients } from '../machine-clients.ts';
import { readMailInbox } from '../mail-inbox.ts';
import { listSessions } from '../sessions.ts';
import { listTenants } from '../tenant-list.ts';
import { findVisibleUser, listUsers } from '../users.ts';
import { listWebhookDeliveries } from '../webhooks/deliveries.ts';
import { findWebhookEndpoint, listWebhookEndpoints } from '../webhooks/endpoints.ts';

export const Query: QueryResolvers = {
  tenants: (_root, args, context) => listTenants(context, args),
  tenant: (_root, args, context) => (isUuid(args.id) ? context.loaders.tenantById.load(args.id) : null),
  me: (_root, _args, context) =>
    context.identity?.kind === 'user' ? findVisibleUser(context, context.identity.subjectId) : null,
  users: (_root, args, context) => listUsers(context, args),
  user: (_root, args, context) => findVisibleUser(context, args.id),
  sessions: (_root, args, context) => listSessions(context, args.userId),
  apiKeys: (_root, args, context) => listApiKeys(context, args),
  machineClients: (_root, args, context) => listMachineClients(context, args),
  auditLog: (_root, args, context) => listAuditLog(context, args),
  authEvents: (_root, args, context) => listAuthEvents(context, args),
  webhookEndpoints: (_root, args, context) => listWebhookEndpoints(context, args),
  webhookEndpoint: (_root, args, context) => findWebhookEndpoint(context, args.id),
  webhookDeliveries: (_root, args, context) => listWebhookDeliveries(context, args),
  invitations: (_root, args, context) => listInvitations(context, args),
  mailInbox: (_root, args, context) => readMailInbox(context.services.mailCatcherUrl, args),
};
