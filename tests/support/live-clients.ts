import type { FormattedExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { type Client, createClient as createWsClient } from 'graphql-ws';
import { inject } from 'vitest';
import WebSocket from 'ws';

export type Transport = 'ws' | 'sse';
type Answer = FormattedExecutionResult<Record<string, unknown>>;

/** One subscription's results as they arrive, and how it ended (error or complete). */
export interface Recording {
  results: Answer[];
  ended: Promise<{ error?: unknown }>;
  /** The first result matching `predicate`, polled with a deadline (no fixed sleeps). */
  waitFor(predicate: (result: Answer) => boolean, timeoutMs?: number): Promise<Answer>;
  stop(): void;
}

export const liveUrls = (gatewayUrl = inject('gatewayUrl')) => ({
  ws: gatewayUrl.replace(/^http/, 'ws'),
  sse: `${gatewayUrl}/stream`,
});

/** A graphql-ws client that never retries (a test wants to see each close), with `params` as connection params. */
export function wsClient(
  params: Record<string, string>,
  url = liveUrls().ws,
): Client & { closed: Promise<{ code: number; reason: string }> } {
  let onClosed: (event: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    onClosed = resolve;
  });
  const client = createWsClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  return Object.assign(client, { closed });
}

const collect = (
  start: (sink: { next: (value: Answer) => void; error: (error: unknown) => void; complete: () => void }) => () => void,
): Recording => {
  const results: Answer[] = [];
  let finish: (end: { error?: unknown }) => void = () => {};
  const ended = new Promise<{ error?: unknown }>((resolve) => {
    finish = resolve;
  });
  const stop = start({
    next: (value) => results.push(value),
    error: (error) => finish({ error }),
    complete: () => finish({}),
  });
  return {
    results,
    ended,
    stop,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = results.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching result within ${timeoutMs} ms: ${JSON.stringify(results)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
};

/** Subscribes over graphql-ws on `client`. */
export const recordWs = (client: Client, query: string, variables: Record<string, unknown> = {}) =>
  collect((sink) => client.subscribe<Record<string, unknown>>({ query, variables }, sink));

/** Subscribes over graphql-sse (distinct connections mode) with `headers` as credentials. */
export function recordSse(
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
  url = liveUrls().sse,
) {
  const client = createSseClient({ url, headers, retryAttempts: 0, singleConnection: false });
  return collect((sink) => {
    const unsubscribe = client.subscribe<Record<string, unknown>, Record<string, unknown>>({ query, variables }, sink);
    return () => {
      unsubscribe();
      client.dispose();
    };
  });
}

/** Subscribes over either transport as the caller whose headers are given. */
export function record(
  transport: Transport,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
) {
  if (transport === 'sse') return recordSse(headers, query, variables);
  const client = wsClient(headers);
  const recording = recordWs(client, query, variables);
  return {
    ...recording,
    stop: () => {
      recording.stop();
      void client.dispose();
    },
  };
}

export const codeOf = (result: Answer) => result.errors?.[0]?.extensions?.code;

/**
 * How a refused or ended subscription ended, as one string to match codes in: graphql-ws errors or
 * close event (code and `CODE: message` reason), graphql-sse's HTTP refusal (status and body), or
 * error payloads pushed before completion.
 */
export async function endingOf(recording: Recording): Promise<string> {
  const { error } = await recording.ended;
  const pushed = recording.results.flatMap((result) => result.errors ?? []);
  if (error instanceof Error) {
    const response = (error as Error & { response?: Response }).response;
    const body = response && !response.bodyUsed ? await response.text().catch(() => '') : '';
    return `${error.message} ${response?.status ?? ''} ${body} ${JSON.stringify(pushed)}`;
  }
  const close = error as { code?: number; reason?: string } | undefined;
  if (close && typeof close.code === 'number') return `${close.code} ${close.reason} ${JSON.stringify(pushed)}`;
  return JSON.stringify([error ?? null, ...pushed]);
}
