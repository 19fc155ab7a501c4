import { lazy, useMemo, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import { consoleRoutes } from '../routes/console-routes.ts';
import { canOpen, homePathFor, type ConsoleRoute, type Role } from './console-route.ts';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { NotAvailablePage, NotFoundPage, RouteErrorPage } from './StatusPages.tsx';

// One lazy component per route, made once: React.lazy must keep its identity across renders.
const lazyScreens = new Map<ConsoleRoute, ComponentType>(
  consoleRoutes.map((route) => [route, lazy(() => route.screen().then((Screen) => ({ default: Screen })))]),
);

export interface RouteHandle {
  title: string;
}

function routeObject(route: ConsoleRoute, role: Role): RouteObject {
  const Screen = lazyScreens.get(route)!;
  const handle: RouteHandle = { title: canOpen(route, role) ? route.title : 'Not available' };
  return {
    path: route.path,
    handle,
    element: canOpen(route, role) ? <Screen /> : <NotAvailablePage />,
    // Inside the layout: a failing screen keeps the navigation usable.
    errorElement: <RouteErrorPage />,
  };
}

/** The route tree for one role: every known URL resolves, to its screen or to "not available". */
export function routeTreeFor(role: Role): RouteObject[] {
  return [
    {
      element: <ConsoleLayout role={role} />,
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <Navigate to={homePathFor(consoleRoutes, role)} replace /> },
        ...consoleRoutes.map((route) => routeObject(route, role)),
        { path: '*', element: <NotFoundPage />, handle: { title: 'Not found' } satisfies RouteHandle },
      ],
    },
  ];
}

/** The signed-in console; its routes depend on the role, so it is rebuilt when the user changes. */
export function ConsoleRouter({ role }: { role: Role }) {
  const router = useMemo(() => createBrowserRouter(routeTreeFor(role)), [role]);
  return <RouterProvider router={router} />;
}
