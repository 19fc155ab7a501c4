/** How long a delivery waits for one of its endpoint's slots before it counts as a failed ("busy") attempt. */
const slotWaitMs = 1000;

/**
 * Slots per endpoint in this process: a delivery waits briefly for one, so bursts to a fast
 * receiver queue up, while a slow receiver holds at most its own slots plus waiters of one second.
 */
export const endpointSlots = (limit: number) => {
  const inFlight = new Map<string, number>();
  const waiters = new Map<string, (() => void)[]>();
  const take = (key: string) => {
    const count = inFlight.get(key) ?? 0;
    if (count >= limit) return false;
    inFlight.set(key, count + 1);
    return true;
  };
  return {
    acquire: (key: string) =>
      take(key)
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const wake = () => {
              clearTimeout(timer);
              resolve(take(key));
            };
            const timer = setTimeout(() => {
              waiters.set(
                key,
                (waiters.get(key) ?? []).filter((waiter) => waiter !== wake),
              );
              resolve(false);
            }, slotWaitMs);
            waiters.set(key, [...(waiters.get(key) ?? []), wake]);
          }),
    release: (key: string) => {
      const count = (inFlight.get(key) ?? 1) - 1;
      if (count <= 0) inFlight.delete(key);
      else inFlight.set(key, count);
      const [next, ...rest] = waiters.get(key) ?? [];
      if (rest.length > 0) waiters.set(key, rest);
      else waiters.delete(key);
      next?.();
    },
  };
};
