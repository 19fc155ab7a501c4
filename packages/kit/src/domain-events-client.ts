import { randomUUID } from 'node:crypto';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { DomainEvent } from './domain-events.ts';
import { gatewayKey, gatewayTokenHeader, signGatewayToken } from './gateway-trust.ts';
import type { Logger } from './logger.ts';
import type { SubgraphName } from './services.ts';

/** Mirrors the stream's header (domain-events-stream.ts), kept here so a consumer does not load express. */
const headHeader = 'x-domain-events-after';

/** A subgraph to follow; `url` is any URL of it (its base or its /graphql URL): the stream is its /internal/events. */
export interface DomainEventSource {
  service: SubgraphName;
  url: string;
}

export interface FollowOptions {
  sources: readonly DomainEventSource[];
  /** The gateway-trust secret (GATEWAY_SECRET): the stream is for the platform's own services only. */
  secret: string;
  /** Where to start for a source: the consumer's durable cursor (the last seq it handled), or null for "from now". */
  after(service: SubgraphName): string | null;
  /** Handles one event; the next one of its source waits for it. A rejection redelivers the event after a reconnect. */
  onEvent(event: DomainEvent): Promise<void>;
  logger: Logger;
  /** First reconnect delay (doubles up to `maxRetryDelayMs`). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** A stream that sends nothing (not even its 15 s ping) this long is taken for dead and reopened. */
  idleTimeoutMs?: number;
}

/**
 * Follows the domain events of every source over SSE: one connection per source, events handed to
 * `onEvent` one at a time in seq order per source; after any failure (the service restarting, a
 * rejected `onEvent`) it reconnects with backoff and resumes after the last seq whose `onEvent`
 * resolved. Delivery is at least once: a consumer dedupes by `event.id` (or its cursor).
 * Parsing is eventsource-parser's; connecting, resuming and backpressure are ours, since the
 * cursor must advance only when the consumer has handled an event, not when it arrived.
 */
export function followDomainEvents(options: FollowOptions): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const followers = options.sources.map((source) => followSource(source, options, stopping.signal));
  return {
    stop: async () => {
      stopping.abort();
      await Promise.all(followers);
    },
  };
}

async function followSource(source: DomainEventSource, options: FollowOptions, stopping: AbortSignal) {
  const logger = options.logger.child({ component: 'domain-events', source: source.service });
  const firstDelay = options.retryDelayMs ?? 250;
  let cursor = options.after(source.service);
  let delay = firstDelay;
  while (!stopping.aborted) {
    try {
      await readStream(source, options, stopping, {
        cursor: () => cursor,
        started: (head) => {
          cursor ??= head;
          delay = firstDelay;
        },
        handled: (seq) => {
          cursor = seq;
        },
      });
    } catch (error) {
      if (stopping.aborted) return;
      logger.warn({ err: error, after: cursor }, 'domain event stream interrupted; reconnecting');
    }
    await pause(delay, stopping);
    delay = Math.min(delay * 2, options.maxRetryDelayMs ?? 10_000);
  }
}

interface StreamCursor {
  cursor(): string | null;
  /** The stream is open and starts after `head`. */
  started(head: string): void;
  handled(seq: string): void;
}

/** One connection: events in order to `onEvent` until the stream ends, fails or goes quiet. */
async function readStream(
  source: DomainEventSource,
  options: FollowOptions,
  stopping: AbortSignal,
  position: StreamCursor,
) {
  const connection = new AbortController();
  const abort = () => connection.abort();
  stopping.addEventListener('abort', abort);
  const idleMs = options.idleTimeoutMs ?? 45_000;
  let idle = setTimeout(abort, idleMs);
  const alive = () => {
    clearTimeout(idle);
    idle = setTimeout(abort, idleMs);
  };
  try {
    const response = await openStream(source, options.secret, position.cursor(), connection.signal);
    position.started(response.headers.get(headHeader) ?? '0');
    const messages = response
      .body!.pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream({ onComment: alive }));
    // A reader rather than `for await`: the DOM typing of ReadableStream (gateway, web) has no async iterator.
    const reader = messages.getReader();
    for (;;) {
      const { done, value: message } = await reader.read();
      if (done) return;
      alive();
      if (message.event !== 'domain-event') continue;
      const event = JSON.parse(message.data) as DomainEvent;
      clearTimeout(idle);
      await options.onEvent(event);
      position.handled(event.seq);
      alive();
    }
  } finally {
    clearTimeout(idle);
    stopping.removeEventListener('abort', abort);
    connection.abort();
  }
}

async function openStream(source: DomainEventSource, secret: string, after: string | null, signal: AbortSignal) {
  const url = new URL('/internal/events', source.url);
  if (after !== null) url.searchParams.set('after', after);
  const token = await signGatewayToken(gatewayKey(secret), {
    requestId: `domain-events-${randomUUID()}`,
    clientIp: null,
    identity: null,
  });
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', [gatewayTokenHeader]: token },
    signal,
  });
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new Error(`${url.origin}${url.pathname} answered ${response.status}`);
  }
  return response;
}

const pause = (ms: number, stopping: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (stopping.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      stopping.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stopping.addEventListener('abort', done);
  });
