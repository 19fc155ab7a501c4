import { boundedString, parseArguments, withScope } from '@codex/kit';
import { z } from 'zod';
import type { MutationVerifyMfaArgs } from './generated/graphql.ts';
import { type AuthenticatedUser, signIn } from './login.ts';
import { findChallenge, invalidChallenge, spendChallenge } from './mfa-challenges.ts';
import type { AuthRequest } from './request.ts';
import {
  clearMfaAttempts,
  invalidCode,
  recordFactorOutcome,
  spendSecondFactor,
  takeMfaAttempt,
} from './second-factor.ts';
import type { AuthServices } from './services.ts';
import { isTenantAllowed } from './tenant-status.ts';
import { tokenSchema } from './validation.ts';

/** A TOTP code (6 digits) or a recovery code (`xxxxx-xxxxx`), as typed: bounded, never stored. */
export const mfaCodeSchema = boundedString(32).min(1, 'must not be empty');

const verifyMfaArgs = z.object({ challenge: tokenSchema, code: mfaCodeSchema });

/** The user a challenge was opened for, if they may still sign in. */
export async function challengedUser(request: AuthRequest, userId: string): Promise<AuthenticatedUser> {
  const user = await request.db.user.findUnique({ where: { id: userId }, include: { tenant: true } });
  if (!user?.active || !isTenantAllowed(user.tenant)) throw invalidChallenge();
  return user;
}

/**
 * Second step of a login: the challenge (open, this client's) and a valid code → the usual tokens.
 * The code is checked and the challenge spent in one transaction; a wrong code leaves the challenge
 * open (the MFA throttle bounds the guesses). `request` must be the all-tenants (system) request.
 */
export async function verifyMfa(services: AuthServices, request: AuthRequest, args: MutationVerifyMfaArgs) {
  const { challenge: token, code } = parseArguments(verifyMfaArgs, args);
  const challenge = await findChallenge(request, token, 'VERIFY');
  const user = await challengedUser(request, challenge.userId);
  await takeMfaAttempt(services, user.id);
  const outcome = await withScope(request.db, request.dataScope, async (tx) => {
    const factor = await spendSecondFactor(services, tx, user, code);
    await recordFactorOutcome(tx, request, user, factor, 'sign_in');
    if (factor) await spendChallenge(tx, challenge);
    return factor;
  });
  if (!outcome) throw invalidCode();
  await clearMfaAttempts(services, user.id);
  return signIn(services, request, user, { newDevice: challenge.newDevice });
}
