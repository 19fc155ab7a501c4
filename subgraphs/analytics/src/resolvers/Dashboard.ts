import { referenceNamedBy } from '@codex/kit';
import type { DashboardResolvers } from '../generated/graphql.ts';
import { visibleDashboard } from '../dashboards.ts';
import { tenantSource } from '../insights/insight-source.ts';
import { widgetResults } from '../insights/widget-results.ts';

export const Dashboard: DashboardResolvers = {
  // Shield does not guard reference resolution: scoped database, and a CLIENT's visibility, here too.
  __resolveReference: (reference, context) =>
    visibleDashboard(context.identity, reference.id, (id) => context.loaders.dashboardById.load(id)),
  widgets: (dashboard) => dashboard.widgets as Record<string, unknown>[],
  widgetResults: (dashboard, _args, context) =>
    widgetResults(dashboard.widgets, tenantSource(context.db, context.dataScope, dashboard.tenantId)),
  shared: (dashboard) => dashboard.shareTokenHash !== null,
  createdBy: (dashboard) => referenceNamedBy('User', dashboard, dashboard.createdById),
};
