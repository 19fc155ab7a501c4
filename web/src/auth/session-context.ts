import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Session, SessionState } from '../apollo-client.ts';

export const SessionContext = createContext<Session | null>(null);

/** The session's current state (re-renders on sign-in, refresh with a changed user, sign-out) and the session itself. */
export function useSession(): [SessionState, Session] {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionContext value={session}> above it');
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return [state, session];
}
