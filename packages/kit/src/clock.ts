/**
 * Where background work reads the time. One clock is handed to a service's job queue, so tests
 * (and an operator's backfill) can run days of scheduled work in seconds with a manual clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: `set` jumps to a time, `advance` moves it forward. */
export interface ManualClock extends Clock {
  set(time: Date): void;
  advance(milliseconds: number): Date;
}

export function createManualClock(start: Date): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (time) => {
      current = time.getTime();
    },
    advance: (milliseconds) => {
      if (!Number.isFinite(milliseconds) || milliseconds < 0) throw new RangeError('a clock only moves forward');
      current += milliseconds;
      return new Date(current);
    },
  };
}
