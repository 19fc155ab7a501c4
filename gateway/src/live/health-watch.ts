import type { Logger } from '@codex/kit/logger';
import type { PlatformHealth } from '../cdx/platform-health.ts';

type HealthListener = (health: PlatformHealth) => void;

/** What counts as a change: the overall status and each subgraph's status (not latencies). */
const stateOf = (health: PlatformHealth) =>
  `${health.status}|${health.subgraphs.map((subgraph) => `${subgraph.name}:${subgraph.status}`).join(',')}`;

/**
 * Polls the platform's health every `intervalMs` while anyone listens and calls the listeners when a
 * subgraph changes state; a new listener gets the latest answer at once (a fresh check when none).
 */
export function watchHealth(options: { check: () => Promise<PlatformHealth>; intervalMs: number; logger: Logger }) {
  const listeners = new Set<HealthListener>();
  let latest: PlatformHealth | null = null;
  let timer: NodeJS.Timeout | null = null;
  let checking: Promise<PlatformHealth> | null = null;

  const poll = () => {
    checking ??= options
      .check()
      .then((health) => {
        const changed = latest === null || stateOf(latest) !== stateOf(health);
        latest = health;
        if (changed) for (const listener of listeners) listener(health);
        return health;
      })
      .finally(() => {
        checking = null;
      });
    return checking;
  };
  const schedule = () => {
    if (timer || listeners.size === 0) return;
    timer = setInterval(() => {
      poll().catch((error: unknown) => options.logger.warn({ err: error }, 'platform health check failed'));
    }, options.intervalMs);
    timer.unref();
  };

  return {
    async listen(listener: HealthListener): Promise<() => void> {
      const first = latest ?? (await poll());
      listeners.add(listener);
      schedule();
      listener(first);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
          latest = null;
        }
      };
    },
    stop() {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
export type HealthWatch = ReturnType<typeof watchHealth>;
