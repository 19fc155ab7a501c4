import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

function StatusPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mx-auto max-w-xl py-16 text-center" aria-labelledby="status-page-title">
      <h1 id="status-page-title" className="text-2xl font-semibold text-slate-900">
        {title}
      </h1>
      <div className="mt-3 text-slate-600">{children}</div>
      <Link to="/" className="mt-6 inline-block font-medium text-indigo-700 underline">
        Go to your start page
      </Link>
    </section>
  );
}

/** A screen the signed-in role may not use: said plainly, never a broken page. */
export function NotAvailablePage() {
  return (
    <StatusPage title="Not available">
      <p>This screen is not available for your role. Ask an administrator if you need access.</p>
    </StatusPage>
  );
}

export function NotFoundPage() {
  return (
    <StatusPage title="Page not found">
      <p>There is no console page at this address.</p>
    </StatusPage>
  );
}

/** A screen that threw while rendering or failed to load its code (e.g. after a deploy). */
export function RouteErrorPage() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : String(error);
  return (
    <StatusPage title="Something went wrong">
      <p>This screen failed to load. Reload the page to try again.</p>
      <p className="mt-2 font-mono text-sm">{detail}</p>
    </StatusPage>
  );
}
