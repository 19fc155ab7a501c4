import {
  auditRow,
  recordRowChange,
  recordRowEvent,
  badInput,
  inputSchema,
  isUuid,
  loadTenantPage,
  notFound,
  onUniqueViolation,
  parseInput,
  withScope,
  type Identity,
  type PageArgs,
  conflict,
} from '@codex/kit';
import { z } from 'zod';
import type { User } from './db.ts';
import { sendEmailVerification } from './email-verification.ts';
import type { CreateUserInput, InviteUserInput, UpdateMeInput } from './generated/graphql.ts';
import { inviteCreatedUser, type InvitingRequest } from './invitations.ts';
import { hashPassword, unusablePasswordHash } from './passwords.ts';
import {
  existingId,
  existingTargetTenant,
  requireIdentity,
  requireUser,
  type AuthRequest,
  type AuthTx,
} from './request.ts';
import { revokeUserSessions } from './sessions.ts';
import {
  boundedEmailSchema,
  firstNameSchema,
  lastNameSchema,
  passwordSchema,
  targetTenantSchema,
} from './validation.ts';

const tenantRole = z.enum(['ADMIN', 'CLIENT']);
const createUserInput = inputSchema<CreateUserInput>()(
  z.object({
    email: boundedEmailSchema,
    password: passwordSchema.nullish(),
    role: tenantRole,
    firstName: firstNameSchema.nullish(),
    lastName: lastNameSchema.nullish(),
    tenantId: targetTenantSchema,
  }),
);
const updateMeInput = inputSchema<UpdateMeInput>()(
  z.object({
    firstName: firstNameSchema.nullish(),
    lastName: lastNameSchema.nullish(),
    email: boundedEmailSchema.nullish(),
  }),
);

const emailTaken = () => conflict('A user with this email already exists', 'input.email');

/**
 * Auth is "R self" for CLIENTs: they see only themselves. ADMINs see their tenant's users and
 * SUPERADMINs everyone, which the request's scoped database already enforces.
 */
export const canSeeUser = (identity: Identity | null, user: Pick<User, 'id'>) =>
  identity !== null && (identity.role !== 'CLIENT' || (identity.kind === 'user' && identity.subjectId === user.id));

/** One user the caller may see, else null. */
export async function findVisibleUser(request: AuthRequest, id: string): Promise<User | null> {
  if (!isUuid(id) || !canSeeUser(request.identity, { id })) return null;
  return request.db.user.findFirst({ where: { id } });
}

export const listUsers = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) =>
  loadTenantPage(request, args, request.db.user);

/**
 * ADMIN: in their tenant; SUPERADMIN: in `input.tenantId`. With a password the user can sign in at
 * once and is mailed a verification link; without one they are invited (`then` gets the user in the
 * same transaction: createUser returns the user, inviteUser the invitation).
 */
async function addUser<R>(
  request: InvitingRequest,
  input: CreateUserInput,
  then: (tx: AuthTx, user: User) => Promise<R>,
): Promise<R> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createUserInput, input, 'input');
  const tenantId = await existingTargetTenant(request, identity, data.tenantId, 'input.tenantId');
  const passwordHash = data.password ? await hashPassword(data.password) : await unusablePasswordHash();
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      const user = await tx.user.create({
        data: {
          tenantId,
          email: data.email,
          role: data.role,
          firstName: data.firstName ?? null,
          lastName: data.lastName ?? null,
          passwordHash,
        },
      });
      await auditRow(tx, request, 'user.create', 'User', user, {
        email: user.email,
        role: user.role,
        invited: !data.password,
      });
      await recordRowEvent(tx, request, 'user.created', user, { omit: userSecrets });
      return then(tx, user);
    }),
    () => emailTaken(),
  );
}

/** Columns of a user that never leave Auth in an event. */
const userSecrets = ['passwordHash', 'mfaSecretEncrypted', 'mfaLastUsedStep'] as const;

/** Each change's domain event (README "Domain events"). */
const userEvents = {
  'user.role.update': 'user.updated',
  'user.deactivate': 'user.deactivated',
  'user.reactivate': 'user.reactivated',
} as const;
/** A user who signs in with the given password, or, without one, an invited user (see inviteUser). */
export const createUser = (request: InvitingRequest, input: CreateUserInput): Promise<User> =>
  addUser(request, input, async (tx, user) => {
    if (input.password) await sendEmailVerification(request.services, tx, user);
    else await inviteCreatedUser(request, tx, user);
    return user;
  });

/** Invites a person by e-mail with a role: their user (no password yet), the invitation and its mail. */
export const inviteUser = (request: InvitingRequest, input: InviteUserInput) =>
  addUser(request, { ...input, password: null }, (tx, user) => inviteCreatedUser(request, tx, user));

/** Changes a tenant user (never a SUPERADMIN) that the caller administers; a foreign or missing id is NOT_FOUND. */
async function changeUser(
  request: AuthRequest,
  id: string,
  action: keyof typeof userEvents,
  change: (user: User) => Partial<Pick<User, 'role' | 'active'>>,
  revokeSessions: boolean,
) {
  const identity = requireIdentity(request.identity);
  const userId = existingId(id, 'User');
  return withScope(request.db, request.dataScope, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId } });
    if (!user || user.role === 'SUPERADMIN') throw notFound('User');
    const data = change(user);
    if (user.id === identity.subjectId && (data.active === false || (data.role && data.role !== user.role))) {
      throw badInput('You cannot deactivate yourself or change your own role', 'id');
    }
    const updated = await tx.user.update({ where: { id: userId }, data });
    // Tokens carry the role: sessions end so the change holds within seconds, not at token expiry.
    if (revokeSessions) await revokeUserSessions(tx, userId, action);
    await auditRow(tx, request, action, 'User', user, { ...data });
    await recordRowChange(tx, request, userEvents[action], user, updated, { omit: userSecrets });
    return updated;
  });
}

export const updateUserRole = (request: AuthRequest, id: string, role: 'ADMIN' | 'CLIENT') =>
  changeUser(request, id, 'user.role.update', () => ({ role }), true);

export const deactivateUser = (request: AuthRequest, id: string) =>
  changeUser(request, id, 'user.deactivate', () => ({ active: false }), true);

export const reactivateUser = (request: AuthRequest, id: string) =>
  changeUser(request, id, 'user.reactivate', () => ({ active: true }), false);

/** The caller edits their own profile; a new email must be verified again (a link is mailed to it). */
export async function updateMe(request: InvitingRequest, input: UpdateMeInput): Promise<User> {
  const identity = requireUser(request.identity);
  const parsed = parseInput(updateMeInput, input, 'input');
  const data = {
    ...(parsed.firstName !== undefined ? { firstName: parsed.firstName } : {}),
    ...(parsed.lastName !== undefined ? { lastName: parsed.lastName } : {}),
    ...(parsed.email ? { email: parsed.email, emailVerified: false } : {}),
  };
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      const user = await tx.user.update({ where: { id: identity.subjectId }, data });
      if (data.email) await sendEmailVerification(request.services, tx, user);
      await auditRow(tx, request, 'user.update_self', 'User', user, data);
      const changedFields = Object.keys(data);
      await recordRowEvent(tx, request, 'user.updated', user, { omit: userSecrets, extra: { changedFields } });
      return user;
    }),
    () => emailTaken(),
  );
}
