import { describe, expect, test } from 'vitest';
import { consoleRoutes } from '../routes/console-routes.ts';
import { canOpen, homePathFor, navigationFor, type Role } from './console-route.ts';

const roles: Role[] = ['SUPERADMIN', 'ADMIN', 'CLIENT'];

describe('the route table', () => {
  test('every path is listed once and every route names at least one role', () => {
    const paths = consoleRoutes.map((route) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const route of consoleRoutes) expect(route.roles.length, route.path).toBeGreaterThan(0);
  });

  test.each(roles)('the %s navigation lists only routes that role may open', (role) => {
    const linked = navigationFor(consoleRoutes, role).flatMap((group) => group.links.map((link) => link.path));
    for (const path of linked) expect(canOpen(consoleRoutes.find((route) => route.path === path)!, role)).toBe(true);
    expect(linked).toContain(homePathFor(consoleRoutes, role));
  });

  test('SUPERADMIN screens are absent from tenant members’ navigation, and identity admin from a CLIENT’s', () => {
    const labels = (role: Role) => navigationFor(consoleRoutes, role).map((group) => group.section);
    expect(labels('SUPERADMIN')).toContain('Platform');
    expect(labels('ADMIN')).not.toContain('Platform');
    const clientLinks = navigationFor(consoleRoutes, 'CLIENT').flatMap((group) => group.links.map((link) => link.path));
    expect(clientLinks).not.toContain('/users');
    expect(clientLinks).not.toContain('/api-keys');
  });

  test('groups keep the sidebar order and links their `order`', () => {
    const groups = navigationFor(
      [
        {
          path: '/b',
          title: 'B',
          roles: ['ADMIN'],
          nav: { section: 'CRM', label: 'B', order: 2 },
          screen: async () => () => null,
        },
        {
          path: '/a',
          title: 'A',
          roles: ['ADMIN'],
          nav: { section: 'CRM', label: 'A', order: 1 },
          screen: async () => () => null,
        },
        {
          path: '/w',
          title: 'W',
          roles: ['ADMIN'],
          nav: { section: 'Workspace', label: 'W' },
          screen: async () => () => null,
        },
        {
          path: '/x',
          title: 'X',
          roles: ['CLIENT'],
          nav: { section: 'Workspace', label: 'X' },
          screen: async () => () => null,
        },
      ],
      'ADMIN',
    );
    expect(groups).toEqual([
      { section: 'Workspace', links: [{ path: '/w', label: 'W' }] },
      {
        section: 'CRM',
        links: [
          { path: '/a', label: 'A' },
          { path: '/b', label: 'B' },
        ],
      },
    ]);
  });
});
