import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` and base64 of
 * random bytes; each signature is `v1,` and base64 of HMAC-SHA256 over `<id>.<timestamp>.<body>`
 * keyed with those bytes. Several secrets (during a rotation) give several space-separated signatures.
 */
const secretPrefix = 'whsec_';

/** A new signing secret: 32 random bytes. */
export const newWebhookSecret = () => `${secretPrefix}${randomBytes(32).toString('base64')}`;

const secretBytes = (secret: string) => Buffer.from(secret.slice(secretPrefix.length), 'base64');

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of one attempt: `id` is the event's, the same on every retry and replay. */
export function signWebhook(secrets: readonly string[], id: string, timestamp: Date, body: string): SignedHeaders {
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const content = `${id}.${seconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', secretBytes(secret)).update(content).digest('base64')}`,
  );
  return { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': signatures.join(' ') };
}
