import { type ConsoleRoute, tenantRoles } from '../shell/console-route.ts';

/**
 * Billing screens: ADMIN reads and manages subscriptions; CLIENT reads (the screens show it no
 * actions). Plans and invoices are written by SUPERADMINs only.
 */
export const billingRoutes: ConsoleRoute[] = [
  {
    path: '/billing/subscriptions',
    title: 'Subscriptions',
    roles: tenantRoles,
    nav: { section: 'Billing', label: 'Subscriptions', order: 1 },
    screen: () => import('../billing/SubscriptionsPage.tsx').then((module) => module.SubscriptionsPage),
  },
  {
    path: '/billing/plans',
    title: 'Plans',
    roles: tenantRoles,
    nav: { section: 'Billing', label: 'Plans', order: 2 },
    screen: () => import('../billing/PlansPage.tsx').then((module) => module.PlansPage),
  },
  {
    path: '/billing/invoices',
    title: 'Invoices',
    roles: tenantRoles,
    nav: { section: 'Billing', label: 'Invoices', order: 3 },
    screen: () => import('../billing/InvoicesPage.tsx').then((module) => module.InvoicesPage),
  },
  {
    path: '/billing/invoices/:invoiceId',
    title: 'Invoice',
    roles: tenantRoles,
    screen: () => import('../billing/InvoicePage.tsx').then((module) => module.InvoicePage),
  },
];
