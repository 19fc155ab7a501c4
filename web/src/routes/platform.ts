import type { ConsoleRoute } from '../shell/console-route.ts';

const superadmin = ['SUPERADMIN'] as const;

/** The SUPERADMIN's screens over the whole platform. */
export const platformRoutes: ConsoleRoute[] = [
  {
    path: '/platform',
    title: 'Platform overview',
    roles: superadmin,
    nav: { section: 'Platform', label: 'Overview', order: 1 },
    screen: () => import('../platform/OverviewPage.tsx').then((module) => module.OverviewPage),
  },
  {
    path: '/platform/health',
    title: 'Platform health',
    roles: superadmin,
    nav: { section: 'Platform', label: 'Health', order: 2 },
    screen: () => import('../platform/HealthPage.tsx').then((module) => module.HealthPage),
  },
  {
    path: '/tenants',
    title: 'Tenants',
    roles: superadmin,
    nav: { section: 'Platform', label: 'Tenants', order: 3 },
    screen: () => import('../platform/TenantsPage.tsx').then((module) => module.TenantsPage),
  },
  {
    path: '/tenants/:tenantId',
    title: 'Tenant',
    roles: superadmin,
    screen: () => import('../platform/TenantDetailPage.tsx').then((module) => module.TenantDetailPage),
  },
  {
    path: '/audit',
    title: 'Audit explorer',
    roles: superadmin,
    nav: { section: 'Platform', label: 'Audit', order: 4 },
    screen: () => import('../audit/AuditPage.tsx').then((module) => module.AuditPage),
  },
  {
    path: '/platform/inbox',
    title: 'Mail inbox',
    roles: superadmin,
    nav: { section: 'Platform', label: 'Mail inbox', order: 5 },
    screen: () => import('../platform/MailInboxPage.tsx').then((module) => module.MailInboxPage),
  },
];
