/** A start-up failure whose message says all a person needs (no stack trace). */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface Stoppable {
  stop: () => Promise<void>;
}

/** By name, not class: importing the migrator here would load pg into the gateway. */
const oneLineErrors = new Set(['ConfigError', 'PortInUseError', 'MigrationError', 'StartupError']);

/**
 * Runs a service process: starts it, stops it cleanly on SIGINT/SIGTERM, and when started by the
 * platform runner (an IPC channel exists) also when that parent goes away, so no orphan is left.
 * Known start-up failures print one line; anything else prints its stack. A stop that takes longer
 * than `stopTimeoutMs` ends the process with code 1 and a line saying so: a process that stops
 * others gives itself the time their own stops may take.
 */
export async function runService(
  name: string,
  start: () => Promise<Stoppable>,
  { stopTimeoutMs = 10_000 }: { stopTimeoutMs?: number } = {},
): Promise<void> {
  let running: Stoppable;
  try {
    running = await start();
  } catch (error) {
    const known = error instanceof Error && oneLineErrors.has(error.name);
    console.error(`${name}: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => {
      console.error(`${name}: did not stop within ${stopTimeoutMs / 1000} s (${reason}); exiting`);
      process.exit(1);
    }, stopTimeoutMs);
    force.unref();
    try {
      await running.stop();
    } finally {
      console.error(`${name}: stopped (${reason})`);
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  if (process.connected) process.once('disconnect', () => void stop('parent exited'));
}
