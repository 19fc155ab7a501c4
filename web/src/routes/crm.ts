import { type ConsoleRoute, tenantRoles } from '../shell/console-route.ts';

/**
 * CRM screens. The access matrix gives ADMIN and CLIENT R/W on CRM in their tenant (a CLIENT
 * changes only the rows it created; the screens offer changes only there). Pipelines and their stages
 * are managed by ADMINs.
 */
export const crmRoutes: ConsoleRoute[] = [
  {
    path: '/crm/customers',
    title: 'Customers',
    roles: tenantRoles,
    nav: { section: 'CRM', label: 'Customers', order: 1 },
    screen: () => import('../crm/CustomersPage.tsx').then((module) => module.CustomersPage),
  },
  {
    path: '/crm/customers/:customerId',
    title: 'Customer',
    roles: tenantRoles,
    screen: () => import('../crm/CustomerPage.tsx').then((module) => module.CustomerPage),
  },
  {
    path: '/crm/pipeline',
    title: 'Pipeline',
    roles: tenantRoles,
    nav: { section: 'CRM', label: 'Pipeline', order: 2 },
    screen: () => import('../crm/PipelinePage.tsx').then((module) => module.PipelinePage),
  },
  {
    path: '/crm/pipelines',
    title: 'Pipelines',
    roles: ['ADMIN'],
    nav: { section: 'CRM', label: 'Pipelines', order: 3 },
    screen: () => import('../crm/PipelinesPage.tsx').then((module) => module.PipelinesPage),
  },
];
