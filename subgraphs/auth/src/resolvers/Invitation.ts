import type { InvitationResolvers } from '../generated/graphql.ts';
import { invitationStatus } from '../invitations.ts';

export const Invitation: InvitationResolvers = {
  role: (invitation) => (invitation.role === 'ADMIN' ? 'ADMIN' : 'CLIENT'),
  status: (invitation) => invitationStatus(invitation),
};
