import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ReceiverAddress } from './receiver-address.ts';

export interface SendOutcome {
  /** The receiver's HTTP status, or null when there was no answer. */
  statusCode: number | null;
  /** Why there was no answer (timeout, refused connection, TLS), or null. */
  error: string | null;
  durationMs: number;
}

export interface WebhookPost {
  url: URL;
  /** The checked address: the connection goes there, the name is not resolved again. */
  address: ReceiverAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * POSTs one attempt. TLS still verifies the certificate against the URL's host name. The answer's
 * body is drained, never kept; redirects are not followed (a 3xx is a failed attempt). The whole
 * attempt, connection included, is bounded by `timeoutMs`.
 */
export function postWebhook(post: WebhookPost): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [post.address]);
    else callback(null, post.address.address, post.address.family);
  };
  const options: RequestOptions = {
    method: 'POST',
    lookup: pinned,
    signal: AbortSignal.timeout(post.timeoutMs),
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(post.body)),
      'user-agent': 'codex-metatron-webhooks/1',
      ...post.headers,
    },
  };
  const send = post.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(post.url, options, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ statusCode: response.statusCode ?? null, error: null, durationMs: elapsed() }),
      );
      response.on('error', (error) => resolve({ statusCode: null, error: describe(error), durationMs: elapsed() }));
    });
    request.on('error', (error) => resolve({ statusCode: null, error: describe(error), durationMs: elapsed() }));
    request.end(post.body);
  });
}

const describe = (error: Error) =>
  error.name === 'AbortError' || error.name === 'TimeoutError'
    ? 'timed out'
    : `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`.slice(0, 500);

export const succeeded = (outcome: SendOutcome) =>
  outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
