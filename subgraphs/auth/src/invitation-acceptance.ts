import { inputSchema, parseArguments, recordAudit, withScope } from '@codex/kit';
import { z } from 'zod';
import type { MutationAcceptInvitationArgs } from './generated/graphql.ts';
import { invitationRefused, invitationStatus } from './invitations.ts';
import { type AuthResult, startLogin } from './login.ts';
import { hashPassword } from './passwords.ts';
import type { AuthRequest } from './request.ts';
import { sha256 } from './secrets.ts';
import { issueDeviceToken } from './device-tokens.ts';
import type { AuthServices } from './services.ts';
import { isTenantAllowed, tenantSuspended } from './tenant-status.ts';
import { firstNameSchema, lastNameSchema, passwordSchema, tokenSchema } from './validation.ts';

const acceptArgs = inputSchema<MutationAcceptInvitationArgs>()(
  z.object({
    token: tokenSchema,
    password: passwordSchema,
    tenant: z.string().max(63).nullish(),
    firstName: firstNameSchema.nullish(),
    lastName: lastNameSchema.nullish(),
  }),
);

/** The invitation a link names, if it may still be accepted (and is of `tenantSlug`'s tenant when given). */
async function acceptableInvitation(request: AuthRequest, token: string, tenantSlug: string | null | undefined) {
  const found = await request.db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    include: { tenant: true, user: true },
  });
  // A link of another tenant is refused exactly like an unknown one.
  if (!found || (tenantSlug && found.tenant.slug !== tenantSlug)) throw invitationRefused('INVALID');
  const status = invitationStatus(found);
  if (status === 'ACCEPTED') throw invitationRefused('USED');
  if (status !== 'PENDING') throw invitationRefused(status);
  if (!isTenantAllowed(found.tenant)) throw tenantSuspended();
  return found;
}

/**
 * Spends an invitation link: the invited user's password is set, their address counts as verified
 * (the link came by mail), and they are signed in. `request`: the system request.
 */
export async function acceptInvitation(
  services: AuthServices,
  request: AuthRequest,
  args: MutationAcceptInvitationArgs,
): Promise<AuthResult> {
  const parsed = parseArguments(acceptArgs, args);
  const invitation = await acceptableInvitation(request, parsed.token, parsed.tenant);
  const passwordHash = await hashPassword(parsed.password);
  const user = await withScope(request.db, request.dataScope, async (tx) => {
    // Conditional, so a link used twice at once, or revoked meanwhile, is accepted at most once.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0) throw invitationRefused('USED');
    const accepted = await tx.user.update({
      where: { id: invitation.userId },
      data: {
        passwordHash,
        active: true,
        emailVerified: true,
        emailVerifiedAt: new Date(),
        ...(parsed.firstName ? { firstName: parsed.firstName } : {}),
        ...(parsed.lastName ? { lastName: parsed.lastName } : {}),
      },
    });
    const { tenantId } = invitation;
    await recordAudit(tx, request, {
      tenantId,
      action: 'invitation.accept',
      entityType: 'Invitation',
      entityId: invitation.id,
    });
    return accepted;
  });
  const signedIn = await startLogin(services, request, { ...user, tenant: invitation.tenant });
  return { ...signedIn, deviceToken: issueDeviceToken(services.settings, user.id) };
}
