import type { ComponentType } from 'react';

export type Role = 'SUPERADMIN' | 'ADMIN' | 'CLIENT';

/** Navigation groups, in the order the sidebar shows them. */
export const navSections = ['Platform', 'Workspace', 'CRM', 'CMS', 'Billing', 'Analytics', 'Identity'] as const;
export type NavSection = (typeof navSections)[number];

/**
 * One console screen. `roles` follows the spec's access matrix: a role not listed sees no nav entry
 * and gets the "not available" page at the URL. `screen` is imported only when the route is opened.
 */
export interface ConsoleRoute {
  /** React Router path, e.g. `/tenants/:tenantId`. */
  path: string;
  /** Document title and default heading. */
  title: string;
  roles: readonly Role[];
  /** Present for routes the sidebar lists (detail pages usually have none). */
  nav?: { section: NavSection; label: string; order?: number };
  screen: () => Promise<ComponentType>;
}

export const everyRole: readonly Role[] = ['SUPERADMIN', 'ADMIN', 'CLIENT'];
export const tenantRoles: readonly Role[] = ['ADMIN', 'CLIENT'];

export const canOpen = (route: ConsoleRoute, role: Role) => route.roles.includes(role);

export interface NavGroup {
  section: NavSection;
  links: { path: string; label: string }[];
}

/** The sidebar for one role: only the routes it may open, grouped and ordered. */
export function navigationFor(routes: readonly ConsoleRoute[], role: Role): NavGroup[] {
  return navSections
    .map((section) => ({
      section,
      links: routes
        .filter((route) => route.nav?.section === section && canOpen(route, role))
        .sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0))
        .map((route) => ({ path: route.path, label: route.nav?.label ?? route.title })),
    }))
    .filter((group) => group.links.length > 0);
}

/** Where `/` leads: the first screen of the role's sidebar. */
export function homePathFor(routes: readonly ConsoleRoute[], role: Role): string {
  return navigationFor(routes, role)[0]?.links[0]?.path ?? '/not-available';
}
