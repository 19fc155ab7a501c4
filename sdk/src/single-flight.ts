/**
 * Wraps `task` so that calls made while one run is in flight share that run's promise: ten
 * requests finding the access token expired start one refresh, not ten (a refresh token is single
 * use; a second exchange of it would look like theft and end the session).
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= task().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
