import { type ConsoleRoute, tenantRoles } from '../shell/console-route.ts';

const admin = ['ADMIN'] as const;

/**
 * CMS screens. Content types are the ADMIN's to shape; items and media are R/W for both (a CLIENT
 * changes only its own); pages are read by both and written by the ADMIN.
 */
export const cmsRoutes: ConsoleRoute[] = [
  {
    path: '/cms/items',
    title: 'Content items',
    roles: tenantRoles,
    nav: { section: 'CMS', label: 'Content', order: 1 },
    screen: () => import('../cms/ContentItemsPage.tsx').then((module) => module.ContentItemsPage),
  },
  {
    path: '/cms/items/:itemId',
    title: 'Content item',
    roles: tenantRoles,
    screen: () => import('../cms/ContentItemPage.tsx').then((module) => module.ContentItemPage),
  },
  {
    path: '/cms/content-types',
    title: 'Content types',
    roles: admin,
    nav: { section: 'CMS', label: 'Content types', order: 2 },
    screen: () => import('../cms/ContentTypesPage.tsx').then((module) => module.ContentTypesPage),
  },
  {
    path: '/cms/pages',
    title: 'Pages',
    roles: tenantRoles,
    nav: { section: 'CMS', label: 'Pages', order: 3 },
    screen: () => import('../cms/PagesPage.tsx').then((module) => module.PagesPage),
  },
  {
    path: '/cms/media',
    title: 'Media library',
    roles: tenantRoles,
    nav: { section: 'CMS', label: 'Media', order: 4 },
    screen: () => import('../cms/MediaPage.tsx').then((module) => module.MediaPage),
  },
];
