import { tenantRoles, type ConsoleRoute } from '../shell/console-route.ts';

/** The first screen of a tenant's members: their tenant at a glance. */
export const workspaceRoutes: ConsoleRoute[] = [
  {
    path: '/overview',
    title: 'Overview',
    roles: tenantRoles,
    nav: { section: 'Workspace', label: 'Overview', order: 1 },
    screen: () => import('../tenants/TenantSummaryPage.tsx').then((module) => module.TenantSummaryPage),
  },
];
