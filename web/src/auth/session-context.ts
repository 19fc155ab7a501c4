import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Session, SessionState, SessionUser } from '../apollo-client.ts';

export const SessionContext = createContext<Session | null>(null);

/** The session's current state (re-renders on sign-in, refresh with a changed user, sign-out) and the session itself. */
export function useSession(): [SessionState, Session] {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionContext value={session}> above it');
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return [state, session];
}

/** The signed-in user, for screens (which only render while someone is signed in). */
export function useSignedInUser(): SessionUser {
  const [state] = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedInUser is only for screens of a signed-in console');
  return state.user;
}
