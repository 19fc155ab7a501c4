import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useMatches } from 'react-router';
import { SessionBar } from '../auth/SessionBar.tsx';
import { useSignedInUser } from '../auth/session-context.ts';
import { consoleRoutes } from '../routes/console-routes.ts';
import { LoadingState } from '../ui/States.tsx';
import { ToastProvider } from '../ui/Toast.tsx';
import { navigationFor, type Role } from './console-route.ts';
import type { RouteHandle } from './ConsoleRouter.tsx';

function useDocumentTitle() {
  const matches = useMatches();
  const handle = matches.at(-1)?.handle as RouteHandle | undefined;
  useEffect(() => {
    document.title = handle ? `${handle.title} · Codex Metatron` : 'Codex Metatron console';
  }, [handle]);
}

function Navigation({ role }: { role: Role }) {
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `block rounded-md px-3 py-1.5 text-sm ${
      isActive ? 'bg-indigo-50 font-semibold text-indigo-800' : 'text-slate-700 hover:bg-slate-100'
    }`;
  return (
    <nav aria-label="Console" className="w-56 shrink-0 border-r border-slate-200 bg-white p-3">
      {navigationFor(consoleRoutes, role).map((group) => (
        <div key={group.section} className="mb-4">
          <h2 className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.section}</h2>
          <ul>
            {group.links.map((link) => (
              <li key={link.path}>
                <NavLink to={link.path} end className={linkClass}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** Header, the role's navigation, and the current screen (loaded on demand). */
export function ConsoleLayout({ role }: { role: Role }) {
  const user = useSignedInUser();
  useDocumentTitle();
  return (
    <ToastProvider>
      <div className="flex min-h-screen flex-col">
        <header className="flex items-center justify-between bg-slate-900 px-6 py-3 text-white">
          <p className="font-semibold">Codex Metatron</p>
          <SessionBar user={user} />
        </header>
        <div className="flex flex-1">
          <Navigation role={role} />
          <main className="min-w-0 flex-1 p-6">
            <Suspense fallback={<LoadingState label="Loading screen…" />}>
              <Outlet />
            </Suspense>
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
