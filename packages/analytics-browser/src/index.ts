/**
 * Codex Metatron's browser snippet: `init({ key })` once, then page views are captured (including
 * SPA navigations), `track(name, data)` adds custom events and `identify(userId)` links the
 * browser's anonymous id to your user. Events are batched, sent to `POST /ingest` as text/plain
 * (no CORS preflight), retried with backoff, and flushed with `sendBeacon` when the page is hidden.
 */
export interface InitOptions {
  /** The tenant's ingestion key (an API key with the scope ANALYTICS_INGEST only). */
  key: string;
  /** Default: the gateway this file was loaded from, `<origin>/ingest`. */
  endpoint?: string;
  /** Default true: a `page_view` now and on every history change. */
  capturePageViews?: boolean;
  /** Default 2000: how long events wait to be batched. */
  flushIntervalMs?: number;
  /** Default 20: a batch this long is sent at once. */
  batchSize?: number;
}

type EventData = Record<string, unknown>;
interface QueuedEvent {
  idempotencyKey: string;
  name: string;
  occurredAt: string;
  data: EventData;
  anonymousId: string;
  userId?: string;
  sessionId: string;
  pageUrl: string;
  pageTitle?: string;
  referrer?: string;
}

const storageKeys = { anonymousId: 'cdx_aid', userId: 'cdx_uid', sessionId: 'cdx_sid' };
/** The server's batch limit; older events are dropped first past this many waiting. */
const maxQueued = 1000;
const maxAttempts = 6;
const maxBackoffMs = 30_000;

let settings: Required<InitOptions> | null = null;
let queue: QueuedEvent[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;
let sending = false;
let lastUrl = '';

const newId = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Reads or creates an id kept in `storage`; private modes that refuse storage get one per page load. */
function storedId(storage: () => Storage, key: string, create = true): string | undefined {
  try {
    const existing = storage().getItem(key);
    if (existing || !create) return existing ?? undefined;
    const id = newId();
    storage().setItem(key, id);
    return id;
  } catch {
    return create ? newId() : undefined;
  }
}

const anonymousId = () => storedId(() => localStorage, storageKeys.anonymousId) as string;
const sessionId = () => storedId(() => sessionStorage, storageKeys.sessionId) as string;
const userId = () => storedId(() => localStorage, storageKeys.userId, false);

/** The gateway this module came from: a page loading `<gateway>/ingest/snippet.js` sends there. */
const defaultEndpoint = () => new URL('/ingest', import.meta.url).href;

export function init(options: InitOptions): void {
  settings = {
    endpoint: defaultEndpoint(),
    capturePageViews: true,
    flushIntervalMs: 2000,
    batchSize: 20,
    ...options,
  };
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushOnHide();
  });
  addEventListener('pagehide', flushOnHide);
  if (settings.capturePageViews) capturePageViews();
}

/** Queues a custom event; `data` is its properties (JSON). */
export function track(name: string, data: EventData = {}): void {
  if (!settings) throw new Error('Call init({ key }) first');
  const user = userId();
  queue.push({
    idempotencyKey: newId(),
    name,
    occurredAt: new Date().toISOString(),
    data,
    anonymousId: anonymousId(),
    ...(user ? { userId: user } : {}),
    sessionId: sessionId(),
    pageUrl: location.href,
    ...(document.title ? { pageTitle: document.title } : {}),
    ...(document.referrer ? { referrer: document.referrer } : {}),
  });
  if (queue.length > maxQueued) queue = queue.slice(-maxQueued);
  schedule(queue.length >= settings.batchSize ? 0 : settings.flushIntervalMs);
}

export function page(data: EventData = {}): void {
  lastUrl = location.href;
  track('page_view', data);
}

/** Links this browser's anonymous id to `id` (your user's UUID); later events carry it too. */
export function identify(id: string): void {
  try {
    localStorage.setItem(storageKeys.userId, id);
  } catch {
    // Without storage the link is still sent; later page loads are anonymous again.
  }
  track('$identify');
}

/** Forgets the user (logout): later events are anonymous, under a new anonymous id. */
export function reset(): void {
  try {
    localStorage.removeItem(storageKeys.userId);
    localStorage.removeItem(storageKeys.anonymousId);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** Sends what is queued now; resolves when the server has answered (or the batch was dropped). */
export async function flush(): Promise<void> {
  if (!settings || sending || queue.length === 0) return;
  clearTimeout(timer);
  sending = true;
  const batch = queue.slice(0, maxQueued);
  try {
    const response = await fetch(ingestUrl(), { method: 'POST', body: body(batch), keepalive: true, ...plain });
    // 4xx other than 429: the batch itself is refused (and nothing of it stored); retrying cannot help.
    if (response.ok || (response.status < 500 && response.status !== 429)) settle(batch.length);
    else retryLater();
  } catch {
    retryLater();
  } finally {
    sending = false;
  }
  if (queue.length > 0 && attempts === 0) schedule(0);
}

const plain = { headers: { 'content-type': 'text/plain' } };
const ingestUrl = () => `${settings?.endpoint}?key=${encodeURIComponent(settings?.key ?? '')}`;
const body = (events: QueuedEvent[]) => JSON.stringify({ events });

function settle(count: number) {
  queue = queue.slice(count);
  attempts = 0;
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … at most 30 s; the batch is dropped after the last try. */
function retryLater() {
  attempts += 1;
  if (attempts >= maxAttempts) {
    settle(Math.min(queue.length, maxQueued));
    return;
  }
  schedule(Math.min(maxBackoffMs, 1000 * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2));
}

function schedule(delayMs: number) {
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), delayMs);
}

/** The page may be gone before a fetch answers: hand the queue to the browser (`sendBeacon`). */
function flushOnHide() {
  if (!settings || queue.length === 0) return;
  const batch = queue.slice(0, maxQueued);
  if (navigator.sendBeacon?.(ingestUrl(), new Blob([body(batch)], { type: 'text/plain' }))) settle(batch.length);
}

/** SPA navigations change the URL through the History API without a page load. */
function capturePageViews() {
  const onChange = () => {
    if (location.href !== lastUrl) page();
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      onChange();
    };
  }
  addEventListener('popstate', onChange);
  page();
}
