import type { Request, Response } from 'express';
import type { DomainEvent } from './domain-events.ts';
import type { DomainEventFeed } from './domain-events-feed.ts';
import { ErrorCode, httpStatusOf } from './errors.ts';
import type { Logger } from './logger.ts';

/** Header naming the seq a stream starts after: a consumer without a cursor resumes from it. */
export const domainEventsHeadHeader = 'x-domain-events-after';

export interface EventStreamSettings {
  /** A comment line this often keeps proxies and the consumer's idle check from closing the stream. */
  pingIntervalMs: number;
  /** Rows read per query while catching up. */
  batchSize: number;
}

export const defaultEventStreamSettings: EventStreamSettings = { pingIntervalMs: 15_000, batchSize: 500 };

const seqParameter = /^\d{1,19}$/;

/**
 * `GET /internal/events?after=<seq>` as Server-Sent Events (mounted behind the gateway signature):
 * the backlog after `after` oldest first, then each event as it commits. Without `after` the
 * stream starts at the newest event (the `x-domain-events-after` header says which).
 */
export function domainEventsHandler(
  feed: DomainEventFeed,
  logger: Logger,
  settings: EventStreamSettings = defaultEventStreamSettings,
) {
  return async (req: Request, res: Response) => {
    const after = typeof req.query.after === 'string' ? req.query.after : undefined;
    if (after !== undefined && !seqParameter.test(after)) {
      refuse(res, ErrorCode.BAD_USER_INPUT, 'after must be a seq', { field: 'after' });
      return;
    }
    let start: string;
    try {
      start = after ?? (await feed.head());
    } catch (error) {
      logger.warn({ err: error }, 'domain event stream could not start');
      refuse(res, ErrorCode.SERVICE_UNAVAILABLE, 'Events are unavailable: retry later');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      [domainEventsHeadHeader]: start,
    });
    res.flushHeaders();
    await streamEvents(feed, res, start, settings).catch((error: unknown) =>
      logger.warn({ err: error }, 'domain event stream ended by an error'),
    );
    res.end();
  };
}

const refuse = (res: Response, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) =>
  res.status(httpStatusOf(code)).json({ errors: [{ message, extensions: { code, ...extensions } }] });

/** Writes events after `start` until the client goes away or the feed stops; one reader per stream. */
async function streamEvents(feed: DomainEventFeed, res: Response, start: string, settings: EventStreamSettings) {
  let cursor = start;
  let pending = true;
  let open = true;
  let signal: (() => void) | null = null;
  const nudge = () => {
    pending = true;
    signal?.();
  };
  const end = () => {
    open = false;
    signal?.();
  };
  const unsubscribe = [feed.onWake(nudge), feed.onStop(end)];
  res.on('close', end);
  const ping = setInterval(() => res.write(': ping\n\n'), settings.pingIntervalMs);
  try {
    while (open) {
      if (!pending) await new Promise<void>((resolve) => (signal = resolve));
      signal = null;
      pending = false;
      for (let full = true; full && open; ) {
        const events = await feed.readAfter(cursor, settings.batchSize);
        for (const event of events) await send(res, event);
        cursor = events.at(-1)?.seq ?? cursor;
        full = events.length === settings.batchSize;
      }
    }
  } finally {
    clearInterval(ping);
    for (const stop of unsubscribe) stop();
  }
}

/** One SSE message, waiting for the socket to drain when the consumer reads slower than we write. */
async function send(res: Response, event: DomainEvent) {
  const message = `id: ${event.seq}\nevent: domain-event\ndata: ${JSON.stringify(event)}\n\n`;
  if (res.write(message)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
