import pg from 'pg';
import { type DomainEvent, domainEventsChannel } from './domain-events.ts';
import type { Logger } from './logger.ts';
import type { SubgraphName } from './services.ts';

/**
 * One service process's view of its outbox: a dedicated connection that LISTENs on
 * `domain_events` (PostgreSQL notifies only on commit) and reads committed rows after a seq. The
 * connection crosses tenants (session-level `app.all_tenants`), since the stream is for the
 * platform's own consumers; it reconnects by itself, and every reconnect wakes the readers, so a
 * notification lost while it was down costs a re-read, never an event.
 */
export interface DomainEventFeed {
  /** Committed events after `after` (a seq), oldest first, at most `limit`. */
  readAfter(after: string, limit: number): Promise<DomainEvent[]>;
  /** The newest seq committed ('0' when none): where a stream that asks for "from now" starts. */
  head(): Promise<string>;
  /** Calls `wake` whenever new events may have committed; returns the unsubscribe. */
  onWake(wake: () => void): () => void;
  /** Closes the connection and tells every subscriber to end (`onStop`). */
  stop(): Promise<void>;
  onStop(stop: () => void): () => void;
}

export interface DomainEventFeedOptions {
  service: SubgraphName;
  databaseUrl: string;
  logger: Logger;
  /** First reconnect delay; doubles up to 30 s. */
  reconnectDelayMs?: number;
}

interface EventRowSql {
  id: string;
  seq: string;
  type: string;
  tenant_id: string | null;
  entity_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  request_id: string | null;
}

const readAfterSql = `SELECT "seq"::text AS "seq", "id"::text AS "id", "type", "tenant_id"::text AS "tenant_id",
  "entity_id", "payload", "occurred_at", "request_id"
  FROM "domain_events" WHERE "seq" > $1::bigint ORDER BY "seq" LIMIT $2`;

/** Starts connecting at once (in the background); reads wait for the connection. */
export function startDomainEventFeed(options: DomainEventFeedOptions): DomainEventFeed {
  const logger = options.logger.child({ component: 'domain-events' });
  const wakers = new Set<() => void>();
  const stoppers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of wakers) wake();
  };
  const connection = createListener(options, logger, wakeAll);
  const toEvent = (row: EventRowSql): DomainEvent => ({
    id: row.id,
    seq: row.seq,
    service: options.service,
    type: row.type,
    tenantId: row.tenant_id,
    entityId: row.entity_id,
    payload: row.payload,
    occurredAt: row.occurred_at.toISOString(),
    requestId: row.request_id,
  });
  return {
    readAfter: async (after, limit) => {
      const client = await connection.client();
      const { rows } = await client.query<EventRowSql>(readAfterSql, [after, limit]);
      return rows.map(toEvent);
    },
    head: async () => {
      const client = await connection.client();
      const { rows } = await client.query<{ seq: string }>(
        `SELECT COALESCE(MAX("seq"), 0)::text AS "seq" FROM "domain_events"`,
      );
      return rows[0]?.seq ?? '0';
    },
    onWake: (wake) => {
      wakers.add(wake);
      return () => wakers.delete(wake);
    },
    onStop: (stop) => {
      stoppers.add(stop);
      return () => stoppers.delete(stop);
    },
    stop: async () => {
      for (const stop of stoppers) stop();
      await connection.close();
    },
  };
}

/** The LISTEN connection: connected on demand (one attempt at a time), reconnected after errors with backoff. */
function createListener(options: DomainEventFeedOptions, logger: Logger, wakeAll: () => void) {
  const firstDelay = options.reconnectDelayMs ?? 500;
  let current: Promise<pg.Client> | null = null;
  let closed = false;
  let delay = firstDelay;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'codex-domain-events' });
    const attempt = current;
    const drop = (error: unknown) => {
      if (current === attempt) lost(error);
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end().catch(() => undefined);
    };
    client.on('notification', (message) => {
      if (message.channel === domainEventsChannel) wakeAll();
    });
    client.on('error', drop);
    client.on('end', () => drop(new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`SELECT set_config('app.all_tenants', 'on', false)`);
      await client.query(`LISTEN ${domainEventsChannel}`);
    } catch (error) {
      drop(error);
      throw error;
    }
    delay = firstDelay;
    return client;
  };
  const client = (): Promise<pg.Client> => {
    if (closed) return Promise.reject(new Error('domain event feed stopped'));
    if (!current) {
      current = Promise.resolve().then(connect);
      // A (re)connected listener may have missed notifications: every reader looks again.
      current.then(wakeAll, () => undefined);
    }
    return current;
  };
  const lost = (error: unknown) => {
    current = null;
    if (closed || retry) return;
    logger.warn({ err: error }, 'domain event listener lost its connection; reconnecting');
    retry = setTimeout(() => {
      retry = null;
      client().catch(() => undefined);
    }, delay);
    delay = Math.min(delay * 2, 30_000);
  };
  client().catch(() => undefined);
  return {
    client,
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const open = current;
      current = null;
      const connected = await open?.catch(() => null);
      connected?.removeAllListeners();
      connected?.on('error', () => undefined);
      await connected?.end().catch(() => undefined);
    },
  };
}
