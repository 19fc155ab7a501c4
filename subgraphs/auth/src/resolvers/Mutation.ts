import { createApiKey, revokeApiKey } from '../api-keys.ts';
import type { AuthContext } from '../context.ts';
import type { MutationResolvers } from '../generated/graphql.ts';
import { login, refreshTokens } from '../login.ts';
import { createMachineClient, issueClientCredentialsToken, revokeMachineClient } from '../machine-clients.ts';
import { changePassword, requestPasswordReset, resetPassword } from '../password-changes.ts';
import { asSystem } from '../request.ts';
import { logout, revokeSession } from '../sessions.ts';
import { createTenant, reactivateTenant, suspendTenant, updateTenant } from '../tenants.ts';
import { createUser, deactivateUser, reactivateUser, updateMe, updateUserRole } from '../users.ts';

/** Anonymous operations find their rows before any tenant is known: they run on the system client. */
const system = (context: AuthContext) => asSystem(context.services.system, context);

export const Mutation: MutationResolvers = {
  login: (_root, args, context) => login(context.services, system(context), args),
  refreshToken: (_root, args, context) => refreshTokens(context.services, system(context), args.refreshToken),
  clientCredentialsToken: (_root, args, context) =>
    issueClientCredentialsToken(context.services, system(context), args),
  requestPasswordReset: (_root, args, context) =>
    requestPasswordReset(system(context), context.services.settings, args.email),
  resetPassword: (_root, args, context) => resetPassword(system(context), args),
  logout: (_root, _args, context) => logout(context),
  revokeSession: (_root, args, context) => revokeSession(context, args.id),
  changePassword: (_root, args, context) => changePassword(context, args),
  updateMe: (_root, args, context) => updateMe(context, args.input),
  createTenant: (_root, args, context) => createTenant(context, args.input),
  updateTenant: (_root, args, context) => updateTenant(context, args.id, args.input),
  suspendTenant: (_root, args, context) => suspendTenant(context, args.id),
  reactivateTenant: (_root, args, context) => reactivateTenant(context, args.id),
  createUser: (_root, args, context) => createUser(context, args.input),
  updateUserRole: (_root, args, context) => updateUserRole(context, args.id, args.role),
  deactivateUser: (_root, args, context) => deactivateUser(context, args.id),
  reactivateUser: (_root, args, context) => reactivateUser(context, args.id),
  createApiKey: (_root, args, context) => createApiKey(context, args.input),
  revokeApiKey: (_root, args, context) => revokeApiKey(context, args.id),
  createMachineClient: (_root, args, context) => createMachineClient(context, args.input),
  revokeMachineClient: (_root, args, context) => revokeMachineClient(context, args.id),
};
