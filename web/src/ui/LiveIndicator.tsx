import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveConnection, LiveStatus } from '../live-link.ts';

export const LiveContext = createContext<LiveConnection | null>(null);

const idle = () => () => undefined;
const idleStatus = (): LiveStatus => 'idle';

/** The live connection's state (re-renders when it connects, drops or reconnects). */
export function useLiveStatus(): LiveStatus {
  const live = useContext(LiveContext);
  return useSyncExternalStore(live?.subscribe ?? idle, live?.getSnapshot ?? idleStatus);
}

type Shown = 'live' | 'connecting' | 'reconnecting' | 'off';

const looks: Record<Shown, { text: string; dot: string }> = {
  live: { text: 'Live', dot: 'bg-emerald-500' },
  connecting: { text: 'Connecting…', dot: 'bg-slate-400 animate-pulse' },
  reconnecting: { text: 'Reconnecting…', dot: 'bg-amber-500 animate-pulse' },
  off: { text: 'Not live', dot: 'bg-red-500' },
};

function shown(status: LiveStatus, received: boolean, failed: boolean): Shown {
  if (failed) return 'off';
  if (status === 'reconnecting') return 'reconnecting';
  return status === 'connected' && received ? 'live' : 'connecting';
}

/**
 * A small "live" badge for a screen fed by a subscription. The words carry the state (the dot's
 * colour only repeats them), and as a status region a change is announced politely.
 */
export function LiveIndicator({ received, failed = false }: { received: boolean; failed?: boolean }) {
  const { text, dot } = looks[shown(useLiveStatus(), received, failed)];
  return (
    <p
      role="status"
      aria-label={`Live updates: ${text}`}
      className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-xs font-medium text-slate-700"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {text}
    </p>
  );
}
