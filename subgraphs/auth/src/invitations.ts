import {
  actingUserId,
  apiError,
  auditRow,
  conflict,
  ErrorCode,
  findExisting,
  loadTenantPage,
  type PageArgs,
  withScope,
} from '@codex/kit';
import type { Invitation, User } from './db.ts';
import { queueMail, type MailOutbox } from './mail-outbox.ts';
import { existingId, requireIdentity, type AuthRequest, type AuthTx } from './request.ts';
import { randomSecret, sha256 } from './secrets.ts';

export const invitationTtlMs = 7 * 24 * 60 * 60 * 1000;

/** What invitation functions need beyond the request: the mail outbox. */
export type InvitingRequest = AuthRequest & { services: { mail: MailOutbox } };

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return 'ACCEPTED';
  if (invitation.revokedAt) return 'REVOKED';
  return invitation.expiresAt <= now ? 'EXPIRED' : 'PENDING';
}

/** A refused invitation link; `reason` is stable, for clients to switch on. */
export const invitationRefused = (reason: 'INVALID' | 'REVOKED' | 'EXPIRED' | 'USED') =>
  apiError(ErrorCode.BAD_USER_INPUT, invitationMessages[reason], { field: 'token', reason: `INVITATION_${reason}` });

const invitationMessages = {
  INVALID: 'Invalid invitation link',
  REVOKED: 'This invitation was revoked',
  EXPIRED: 'This invitation has expired; ask for a new one',
  USED: 'This invitation was already accepted',
};

/** The inviter's name for the mail: a person's full name, else null ("An administrator"). */
async function inviterName(tx: AuthTx, request: AuthRequest) {
  const userId = request.identity ? actingUserId(request.identity) : null;
  const inviter = userId ? await tx.user.findFirst({ where: { id: userId } }) : null;
  const name = [inviter?.firstName, inviter?.lastName].filter(Boolean).join(' ');
  return name || null;
}

/** Mails a new single-use link for `invitation` (the caller's transaction); returns the token's hash. */
async function mailInvitation(
  request: InvitingRequest,
  tx: AuthTx,
  invitation: Pick<Invitation, 'email' | 'role' | 'tenantId'>,
) {
  const token = randomSecret();
  const tenant = await findExisting(tx.tenant, invitation.tenantId, 'Tenant');
  await queueMail(request.services, tx, {
    to: invitation.email,
    template: 'invitation',
    tenantId: invitation.tenantId,
    data: { token, role: invitation.role, tenantSlug: tenant.slug, inviterName: await inviterName(tx, request) },
  });
  return sha256(token);
}

/**
 * Invites a user just created in `tx` (no usable password yet): the invitation row and its mail.
 * createUser without a password and inviteUser both end here.
 */
export async function inviteCreatedUser(request: InvitingRequest, tx: AuthTx, user: User): Promise<Invitation> {
  const tenantId = user.tenantId;
  if (!tenantId) throw new Error('only tenant users are invited');
  const invitation = { email: user.email, role: user.role, tenantId };
  const tokenHash = await mailInvitation(request, tx, invitation);
  const created = await tx.invitation.create({
    data: {
      ...invitation,
      userId: user.id,
      tokenHash,
      expiresAt: new Date(Date.now() + invitationTtlMs),
      invitedById: request.identity ? actingUserId(request.identity) : null,
    },
  });
  await auditRow(tx, request, 'invitation.create', 'Invitation', created, { email: user.email, role: user.role });
  return created;
}

export const listInvitations = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) =>
  loadTenantPage(request, args, request.db.invitation);

/** Changes an invitation of the caller's scope (a foreign or missing id is NOT_FOUND), in one transaction. */
function changeInvitation(
  request: InvitingRequest,
  id: string,
  change: (tx: AuthTx, invitation: Invitation) => Promise<Invitation>,
) {
  requireIdentity(request.identity);
  const invitationId = existingId(id, 'Invitation');
  return withScope(request.db, request.dataScope, async (tx) =>
    change(tx, await findExisting(tx.invitation, invitationId, 'Invitation')),
  );
}

/** A new link for a pending or expired invitation (7 days from now); the previous link stops working. */
export const resendInvitation = (request: InvitingRequest, id: string) =>
  changeInvitation(request, id, async (tx, invitation) => {
    const status = invitationStatus(invitation);
    if (status === 'ACCEPTED' || status === 'REVOKED')
      throw conflict(`An invitation that is ${status.toLowerCase()} cannot be resent`, 'id');
    const tokenHash = await mailInvitation(request, tx, invitation);
    const updated = await tx.invitation.update({
      where: { id: invitation.id },
      data: { tokenHash, expiresAt: new Date(Date.now() + invitationTtlMs), sentCount: { increment: 1 } },
    });
    await auditRow(tx, request, 'invitation.resend', 'Invitation', updated);
    return updated;
  });

/** Revokes a pending or expired invitation; its user (who never set a password) is deactivated. */
export const revokeInvitation = (request: InvitingRequest, id: string) =>
  changeInvitation(request, id, async (tx, invitation) => {
    const status = invitationStatus(invitation);
    if (status === 'ACCEPTED') throw conflict('An accepted invitation cannot be revoked', 'id');
    if (status === 'REVOKED') return invitation;
    const updated = await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await tx.user.update({ where: { id: invitation.userId }, data: { active: false } });
    await auditRow(tx, request, 'invitation.revoke', 'Invitation', updated);
    return updated;
  });
