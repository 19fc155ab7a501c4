import { useState } from 'react';
import type { SessionUser } from '../apollo-client.ts';
import { useSession } from './session-context.ts';

/** Who is signed in (email, role, tenant) and the "Log out" button, for the console header. */
export function SessionBar({ user }: { user: SessionUser }) {
  const [, session] = useSession();
  const [leaving, setLeaving] = useState(false);
  const logout = () => {
    setLeaving(true);
    void session.logout();
  };
  return (
    <div className="session-bar">
      <dl className="session-identity" aria-label="Signed in user">
        <div>
          <dt>User</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd className="session-role">{user.role}</dd>
        </div>
        <div>
          <dt>Tenant</dt>
          <dd className="session-tenant">{user.tenant?.slug ?? 'platform'}</dd>
        </div>
      </dl>
      <button type="button" className="logout-button" onClick={logout} disabled={leaving}>
        {leaving ? 'Logging out…' : 'Log out'}
      </button>
    </div>
  );
}
