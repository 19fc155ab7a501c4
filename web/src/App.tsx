import type { ComponentType } from 'react';
import { AcceptInvitationPage } from './auth/AcceptInvitationPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { ResetPasswordPage } from './auth/ResetPasswordPage.tsx';
import { VerifyEmailPage } from './auth/VerifyEmailPage.tsx';
import { useSession } from './auth/session-context.ts';
import { ConsoleRouter } from './shell/ConsoleRouter.tsx';

/** The pages mailed links open: the same whether or not someone is signed in here. */
const linkPages: Record<string, ComponentType> = {
  '/accept-invitation': AcceptInvitationPage,
  '/verify-email': VerifyEmailPage,
  '/reset-password': ResetPasswordPage,
};

/**
 * A mailed link's page first. Signed out: the login form at whatever URL was opened, so a deep link still leads to its page
 * after sign-in. Signed in: the console's routes for the user's role.
 */
export function App() {
  const [state] = useSession();
  const LinkPage = linkPages[window.location.pathname];
  if (LinkPage) return <LinkPage />;
  if (state.status === 'restoring')
    return (
      <p role="status" className="p-6 text-slate-600">
        Restoring your session…
      </p>
    );
  if (state.status === 'signed-out') return <LoginPage sessionEnded={state.ended ?? false} />;
  // Keyed by user: nothing of one user's page state carries over to the next.
  return <ConsoleRouter key={state.user.id} role={state.user.role} />;
}
