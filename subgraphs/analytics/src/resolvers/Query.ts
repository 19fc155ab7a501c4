import { isUuid } from '@codex/kit';
import { listAuditLog } from '@codex/kit';
import { readSharedDashboard } from '../dashboard-sharing.ts';
import { listDashboards, visibleDashboard } from '../dashboards.ts';
import { listEvents } from '../events.ts';
import { ingestionOrigins } from '../ingest/origins.ts';
import type { QueryResolvers } from '../generated/graphql.ts';
import { funnel, eventPaths, retention } from '../insights/insight-fields.ts';
import { trends } from '../insights/trends.ts';
import { activeUsers } from '../insights/unique-users.ts';
import { metricSeries } from '../metric-series.ts';

export const Query: QueryResolvers = {
  events: (_root, args, context) => listEvents(context, args),
  event: (_root, args, context) => (isUuid(args.id) ? context.loaders.eventById.load(args.id) : null),
  metricSeries: (_root, args, context) => metricSeries(context, args),
  trends: (_root, args, context) => trends(context, args),
  activeUsers: (_root, args, context) => activeUsers(context, args),
  dashboards: (_root, args, context) => listDashboards(context, args),
  dashboard: (_root, args, context) =>
    visibleDashboard(context.identity, args.id, (id) => context.loaders.dashboardById.load(id)),
  analyticsAuditLog: (_root, args, context) => listAuditLog(context, args),
  funnel: (_root, args, context) => funnel(context, args),
  retention: (_root, args, context) => retention(context, args),
  eventPaths: (_root, args, context) => eventPaths(context, args),
  sharedDashboard: (_root, args, context) => readSharedDashboard(context.sharedDashboardDatabase, args.token),
  ingestionOrigins: (_root, args, context) => ingestionOrigins(context, args.tenantId),
};
