import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { acceptedStep, currentStep, enrollmentOf, newTotpSecret } from './totp.ts';

const secret = newTotpSecret();
const now = Date.UTC(2026, 0, 1, 12, 0, 10);
const step = currentStep(now);
const codeAt = (at: number) => generate({ secret, epoch: at * 30 });

describe('TOTP steps', () => {
  it('accepts the current step and one step of drift either way, naming the step', async () => {
    for (const at of [step - 1, step, step + 1])
      expect(await acceptedStep(secret, await codeAt(at), null, now)).toBe(at);
  });

  it('refuses codes two steps away, malformed codes, and steps at or before the last one used', async () => {
    expect(await acceptedStep(secret, await codeAt(step + 2), null, now)).toBeNull();
    expect(await acceptedStep(secret, await codeAt(step - 2), null, now)).toBeNull();
    expect(await acceptedStep(secret, 'abcdef', null, now)).toBeNull();
    expect(await acceptedStep(secret, await codeAt(step), step, now)).toBeNull();
    expect(await acceptedStep(secret, await codeAt(step - 1), step, now)).toBeNull();
    expect(await acceptedStep(secret, await codeAt(step + 1), step, now)).toBe(step + 1);
  });

  it('describes the enrolment as an otpauth URI and an SVG QR code', async () => {
    const enrollment = await enrollmentOf(secret, 'ada@example.test');
    expect(enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Codex%20Metatron:ada%40example\.test\?/);
    expect(enrollment.otpauthUri).toContain(`secret=${secret}`);
    expect(enrollment.qrCodeSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
  });
});
