import { randomBytes } from 'node:crypto';
import type { AuthTx } from './request.ts';
import { sha256 } from './secrets.ts';

/**
 * Ten single-use recovery codes per enrolment: `xxxxx-xxxxx`, 50 random bits each in an alphabet
 * without look-alikes. They are random (not chosen by people), so SHA-256 of the normalised code is
 * enough to store them; wrong guesses spend the MFA throttle.
 */
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const recoveryCodeCount = 10;

function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Spaces, dashes and case do not matter when a code is typed back. */
const normalised = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

export const looksLikeRecoveryCode = (code: string) => /^[a-z0-9]{10}$/.test(normalised(code));

/** Replaces the user's codes with ten new ones and returns them raw, the only time they are shown. */
export async function replaceRecoveryCodes(
  tx: Pick<AuthTx, 'mfaRecoveryCode'>,
  user: { id: string; tenantId: string | null },
): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
  await tx.mfaRecoveryCode.createMany({
    data: codes.map((code) => ({ userId: user.id, tenantId: user.tenantId, codeHash: sha256(normalised(code)) })),
  });
  return codes;
}

/** Marks one unused code of the user as used; false when there is none such (wrong or already used). */
export async function spendRecoveryCode(tx: Pick<AuthTx, 'mfaRecoveryCode'>, userId: string, code: string) {
  const spent = await tx.mfaRecoveryCode.updateMany({
    where: { userId, codeHash: sha256(normalised(code)), usedAt: null },
    data: { usedAt: new Date() },
  });
  return spent.count === 1;
}
