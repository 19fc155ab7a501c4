import { withId, withIdAndInput, withInput } from '@codex/kit';
import { createApiKey, revokeApiKey } from '../api-keys.ts';
import type { AuthContext } from '../context.ts';
import type { MutationResolvers } from '../generated/graphql.ts';
import { requestEmailVerification, verifyEmail } from '../email-verification.ts';
import { acceptInvitation } from '../invitation-acceptance.ts';
import { resendInvitation, revokeInvitation } from '../invitations.ts';
import { login, refreshTokens } from '../login.ts';
import { confirmMfaEnrollment, regenerateRecoveryCodes, removeMfa, startMfaEnrollment } from '../mfa-enrollment.ts';
import { verifyMfa } from '../mfa-sign-in.ts';
import { createMachineClient, issueClientCredentialsToken, revokeMachineClient } from '../machine-clients.ts';
import { changePassword, requestPasswordReset, resetPassword } from '../password-changes.ts';
import { asSystem } from '../request.ts';
import { logout, revokeSession } from '../sessions.ts';
import { replayWebhookDelivery, sendTestWebhookEvent } from '../webhooks/deliveries.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  pauseWebhookEndpoint,
  resumeWebhookEndpoint,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from '../webhooks/endpoints.ts';
import { createTenant, reactivateTenant, setAdminMfaRequired, suspendTenant, updateTenant } from '../tenants.ts';
import { createUser, deactivateUser, inviteUser, reactivateUser, updateMe, updateUserRole } from '../users.ts';

/** Anonymous operations find their rows before any tenant is known: they run on the system client. */
const system = (context: AuthContext) => asSystem(context.services.system, context);

export const Mutation: MutationResolvers = {
  login: (_root, args, context) => login(context.services, system(context), args),
  verifyMfa: (_root, args, context) => verifyMfa(context.services, system(context), args),
  startMfaEnrollment: (_root, args, context) => startMfaEnrollment(context.services, context, args),
  confirmMfaEnrollment: (_root, args, context) => confirmMfaEnrollment(context.services, context, args),
  removeMfa: (_root, args, context) => removeMfa(context.services, context, args),
  regenerateRecoveryCodes: (_root, args, context) => regenerateRecoveryCodes(context.services, context, args),
  setAdminMfaRequired: (_root, args, context) => setAdminMfaRequired(context, args),
  refreshToken: (_root, args, context) => refreshTokens(context.services, system(context), args.refreshToken),
  clientCredentialsToken: (_root, args, context) =>
    issueClientCredentialsToken(context.services, system(context), args),
  requestPasswordReset: (_root, args, context) => requestPasswordReset(context.services, system(context), args.email),
  resetPassword: (_root, args, context) => resetPassword(system(context), args),
  logout: (_root, _args, context) => logout(context),
  revokeSession: withId(revokeSession),
  changePassword: (_root, args, context) => changePassword(context, args),
  updateMe: withInput(updateMe),
  createTenant: withInput(createTenant),
  updateTenant: withIdAndInput(updateTenant),
  suspendTenant: withId(suspendTenant),
  reactivateTenant: withId(reactivateTenant),
  createUser: withInput(createUser),
  updateUserRole: (_root, args, context) => updateUserRole(context, args.id, args.role),
  deactivateUser: withId(deactivateUser),
  reactivateUser: withId(reactivateUser),
  createApiKey: withInput(createApiKey),
  revokeApiKey: withId(revokeApiKey),
  createMachineClient: withInput(createMachineClient),
  revokeMachineClient: withId(revokeMachineClient),
  createWebhookEndpoint: (_root, args, context) =>
    createWebhookEndpoint(context, context.services.webhooks, args.input),
  updateWebhookEndpoint: (_root, args, context) =>
    updateWebhookEndpoint(context, context.services.webhooks, args.id, args.input),
  pauseWebhookEndpoint: withId(pauseWebhookEndpoint),
  resumeWebhookEndpoint: withId(resumeWebhookEndpoint),
  deleteWebhookEndpoint: withId(deleteWebhookEndpoint),
  rotateWebhookEndpointSecret: (_root, args, context) =>
    rotateWebhookEndpointSecret(context, context.services.webhooks, args.id),
  replayWebhookDelivery: (_root, args, context) => replayWebhookDelivery(context, context.services.webhooks, args.id),
  sendTestWebhookEvent: (_root, args, context) =>
    sendTestWebhookEvent(context, context.services.webhooks, args.endpointId),
  inviteUser: withInput(inviteUser),
  resendInvitation: withId(resendInvitation),
  revokeInvitation: withId(revokeInvitation),
  acceptInvitation: (_root, args, context) => acceptInvitation(context.services, system(context), args),
  verifyEmail: (_root, args, context) => verifyEmail(system(context), args.token),
  requestEmailVerification: (_root, _args, context) => requestEmailVerification(context),
};
