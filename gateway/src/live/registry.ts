import { apiError, ErrorCode } from '@codex/kit/errors';
import type { Identity } from '@codex/kit/identity';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { type Channel, createChannel } from './channel.ts';

/** Who holds a subscription: the identity proven on connect and when its credential stops being good. */
export interface Caller {
  identity: Identity;
  /** Access tokens expire; API keys are re-checked by the revocation list only. */
  expiresAt: number | null;
}

/** One open subscription as its producer sees it. */
export interface LiveStream {
  channel: Channel<ExecutionResult>;
  /** Pushes a result after re-checking the caller; a caller that fails the check ends the stream instead. */
  emit(result: ExecutionResult): void;
  /** Ends the stream with one last error payload. */
  fail(error: GraphQLError): void;
  /** Runs when the stream ends, for whatever reason (client, revocation, error). */
  onClose(cleanup: () => void): void;
}

export const callerKey = (identity: Identity) => `${identity.kind}:${identity.subjectId}`;

export const limitExceeded = (limit: string, max: number) =>
  apiError(ErrorCode.OPERATION_LIMIT_EXCEEDED, `At most ${max} subscriptions ${limit}`, { limit });

/**
 * Every open subscription of this gateway: counts them per caller and, every `sweepMs`, re-checks each
 * caller (revocations, tenant status, token expiry, role and tenant scope) so a revoked session, a
 * deactivated user or a suspended tenant loses its streams even when nothing is pushed.
 */
export function createRegistry(options: { perCaller: number; sweepMs: number }) {
  const open = new Set<{ caller: Caller; check: () => void; stream: LiveStream }>();
  const perCaller = new Map<string, number>();

  const sweep = () => {
    for (const entry of open) {
      try {
        entry.check();
      } catch (error) {
        entry.stream.fail(error as GraphQLError);
      }
    }
  };
  const timer = setInterval(sweep, options.sweepMs);
  timer.unref();

  return {
    /** Opens a stream for `caller`; `check` throws the error that ends it (run before every push and every sweep). */
    open(caller: Caller, check: () => void): LiveStream {
      const key = callerKey(caller.identity);
      const count = perCaller.get(key) ?? 0;
      if (count >= options.perCaller) throw limitExceeded('per caller', options.perCaller);
      check();
      perCaller.set(key, count + 1);
      const cleanups: (() => void)[] = [];
      const channel = createChannel<ExecutionResult>(() => {
        open.delete(entry);
        const left = (perCaller.get(key) ?? 1) - 1;
        if (left > 0) perCaller.set(key, left);
        else perCaller.delete(key);
        for (const cleanup of cleanups) cleanup();
      });
      const stream: LiveStream = {
        channel,
        emit(result) {
          if (channel.closed) return;
          try {
            check();
          } catch (error) {
            stream.fail(error as GraphQLError);
            return;
          }
          channel.push(result);
        },
        fail(error) {
          if (channel.closed) return;
          channel.push({ errors: [error] });
          channel.end();
        },
        onClose(cleanup) {
          cleanups.push(cleanup);
        },
      };
      const entry = { caller, check, stream };
      open.add(entry);
      return stream;
    },
    get size() {
      return open.size;
    },
    sweep,
    stop() {
      clearInterval(timer);
      for (const entry of open) entry.stream.channel.return?.();
    },
  };
}
export type Registry = ReturnType<typeof createRegistry>;
