import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomHex } from './secrets.ts';
import type { AuthSettings } from './settings.ts';

/**
 * OWASP's "device cookie": after a successful sign-in the client gets a token naming the account
 * and a device id, HMAC-signed; presented back with `login`, it puts the attempt in that device's
 * own throttle counter, so failures from elsewhere (an attacker) never lock the owner out.
 * Format: `v1.<userId>.<deviceId>.<expires, unix seconds>.<signature>`.
 */
type DeviceSettings = Pick<AuthSettings, 'deviceTokenKey' | 'deviceTokenTtlMs'>;

const sign = (settings: DeviceSettings, body: string) =>
  createHmac('sha256', settings.deviceTokenKey).update(body).digest('base64url');

export function issueDeviceToken(settings: DeviceSettings, userId: string): string {
  const expires = Math.floor((Date.now() + settings.deviceTokenTtlMs) / 1000);
  const body = `v1.${userId}.${randomHex(16)}.${expires}`;
  return `${body}.${sign(settings, body)}`;
}

/** The device id of a valid, unexpired token for `userId`; null for anything else (then the attempt is untrusted). */
export function trustedDeviceId(settings: DeviceSettings, token: string | null | undefined, userId: string) {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 5) return null;
  const [version, subject, deviceId, expires, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(settings, parts.slice(0, 4).join('.')));
  const given = Buffer.from(signature);
  const genuine = expected.length === given.length && timingSafeEqual(expected, given);
  const current = Number(expires) * 1000 > Date.now();
  return genuine && version === 'v1' && subject === userId && current ? deviceId : null;
}
