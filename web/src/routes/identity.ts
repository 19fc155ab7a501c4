import { everyRole, type ConsoleRoute } from '../shell/console-route.ts';

// The access matrix gives ADMIN R/W on Auth in their tenant; a CLIENT reads only itself.
const admin = ['ADMIN'] as const;

/** An ADMIN's identity screens: people, keys, machine clients and sessions of their tenant. */
export const identityRoutes: ConsoleRoute[] = [
  {
    path: '/users',
    title: 'Users',
    roles: admin,
    nav: { section: 'Identity', label: 'Users', order: 1 },
    screen: () => import('../identity/UsersPage.tsx').then((module) => module.UsersPage),
  },
  {
    path: '/invitations',
    title: 'Invitations',
    roles: admin,
    nav: { section: 'Identity', label: 'Invitations', order: 1.5 },
    screen: () => import('../identity/InvitationsPage.tsx').then((module) => module.InvitationsPage),
  },
  {
    path: '/api-keys',
    title: 'API keys',
    roles: admin,
    nav: { section: 'Identity', label: 'API keys', order: 2 },
    screen: () => import('../identity/ApiKeysPage.tsx').then((module) => module.ApiKeysPage),
  },
  {
    path: '/machine-clients',
    title: 'Machine clients',
    roles: admin,
    nav: { section: 'Identity', label: 'Machine clients', order: 3 },
    screen: () => import('../identity/MachineClientsPage.tsx').then((module) => module.MachineClientsPage),
  },
  {
    path: '/sessions',
    title: 'Sessions',
    // Everyone may see and end their own sessions; an ADMIN also those of their tenant's users.
    roles: everyRole,
    nav: { section: 'Identity', label: 'Sessions', order: 4 },
    screen: () => import('../identity/SessionsPage.tsx').then((module) => module.SessionsPage),
  },
  {
    path: '/account/two-factor',
    title: 'Two-factor sign-in',
    roles: everyRole,
    nav: { section: 'Identity', label: 'Two-factor sign-in', order: 5 },
    screen: () => import('../identity/MfaPage.tsx').then((module) => module.MfaPage),
  },
];
