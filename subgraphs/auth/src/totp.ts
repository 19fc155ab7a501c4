import { timingSafeEqual } from 'node:crypto';
import { generate, generateSecret, generateURI } from 'otplib';
import { toString as qrCode } from 'qrcode';

/**
 * TOTP per RFC 6238 with otplib: SHA-1, 6 digits, 30-second steps (what every authenticator app
 * expects). A code of the step before or after the current one is accepted (clock drift), but never
 * a step at or before the last one accepted for the account, so a code cannot be replayed.
 */
const period = 30;
const issuer = 'Codex Metatron';
const driftSteps = 1;

export const newTotpSecret = () => generateSecret();

export async function enrollmentOf(secret: string, accountName: string) {
  const otpauthUri = generateURI({ issuer, label: accountName, secret, period });
  return { otpauthUri, qrCodeSvg: await qrCode(otpauthUri, { type: 'svg', margin: 1 }), secret };
}

export const currentStep = (now = Date.now()) => Math.floor(now / 1000 / period);

export const looksLikeTotp = (code: string) => /^\d{6}$/.test(code);

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The step whose code `code` is, within the drift window and after `lastUsedStep`; null when none. */
export async function acceptedStep(secret: string, code: string, lastUsedStep: number | null, now = Date.now()) {
  if (!looksLikeTotp(code)) return null;
  const current = currentStep(now);
  for (let step = current - driftSteps; step <= current + driftSteps; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (sameCode(await generate({ secret, epoch: step * period, period }), code)) return step;
  }
  return null;
}
