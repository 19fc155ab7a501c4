import type { SessionUser } from './apollo-client.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { SessionBar } from './auth/SessionBar.tsx';
import { useSession } from './auth/session-context.ts';
import { TenantSummaryPage } from './tenants/TenantSummaryPage.tsx';
import { TenantsPage } from './tenants/TenantsPage.tsx';

/** SUPERADMINs see every tenant; ADMINs and CLIENTs their own tenant's summary. */
function HomePage({ user }: { user: SessionUser }) {
  if (user.role === 'SUPERADMIN') return <TenantsPage />;
  if (user.tenant) return <TenantSummaryPage tenantId={user.tenant.id} />;
  return <p>Your account does not belong to a tenant.</p>;
}

export function App() {
  const [state] = useSession();
  return (
    <>
      <header className="console-header">
        <p className="console-title">Codex Metatron</p>
        {state.status === 'signed-in' && <SessionBar user={state.user} />}
      </header>
      <main className="console-main">
        {state.status === 'restoring' && <p role="status">Restoring your session…</p>}
        {state.status === 'signed-out' && <LoginPage sessionEnded={state.ended ?? false} />}
        {/* Keyed by user: nothing of one user's page state carries over to the next. */}
        {state.status === 'signed-in' && <HomePage key={state.user.id} user={state.user} />}
      </main>
    </>
  );
}
