import { type ConsoleRoute, tenantRoles } from '../shell/console-route.ts';

/**
 * Analytics screens: both roles read their tenant's events; dashboards are written by ADMINs, and
 * a CLIENT sees the public ones and its own.
 */
export const analyticsRoutes: ConsoleRoute[] = [
  {
    path: '/analytics/events',
    title: 'Events',
    roles: tenantRoles,
    nav: { section: 'Analytics', label: 'Events', order: 1 },
    screen: () => import('../analytics/EventsPage.tsx').then((module) => module.EventsPage),
  },
  {
    path: '/analytics/dashboards',
    title: 'Dashboards',
    roles: tenantRoles,
    nav: { section: 'Analytics', label: 'Dashboards', order: 2 },
    screen: () => import('../analytics/DashboardsPage.tsx').then((module) => module.DashboardsPage),
  },
  {
    path: '/analytics/dashboards/:dashboardId',
    title: 'Dashboard',
    roles: tenantRoles,
    screen: () => import('../analytics/DashboardPage.tsx').then((module) => module.DashboardPage),
  },
];
