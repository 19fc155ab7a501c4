import { useState } from 'react';
import type { SessionUser } from '../apollo-client.ts';
import { useSession } from './session-context.ts';

/** Who is signed in (email, role, tenant) and the "Log out" button, for the console header. */
export function SessionBar({ user }: { user: SessionUser }) {
  const [, session] = useSession();
  const [leaving, setLeaving] = useState(false);
  const logout = () => {
    setLeaving(true);
    // The next person to sign in in this tab starts at their own start page, not at this user's screen.
    window.history.replaceState(null, '', '/');
    void session.logout();
  };
  return (
    <div className="flex items-center gap-4 text-sm">
      <dl className="flex gap-4" aria-label="Signed in user">
        <div className="flex gap-1">
          <dt className="text-slate-400">User</dt>
          <dd>{user.email}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-400">Role</dt>
          <dd className="font-medium">{user.role}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-400">Tenant</dt>
          <dd className="font-medium">{user.tenant?.slug ?? 'platform'}</dd>
        </div>
      </dl>
      <button
        type="button"
        className="rounded-md border border-slate-500 px-3 py-1 hover:bg-slate-800"
        onClick={logout}
        disabled={leaving}
      >
        {leaving ? 'Logging out…' : 'Log out'}
      </button>
    </div>
  );
}
