import { connectionTypes, definePermissions, grant } from '@codex/kit';

/**
 * Auth's part of the access matrix (SUPERADMIN R/W all; ADMIN R/W own tenant; CLIENT R self);
 * fields not listed are denied. Root fields say who may ask; domain functions and the scoped
 * database decide which rows they see (a foreign id is "not found"). Types carry rules too,
 * because `_entities` reaches User and Tenant without any root field. Machine clients need
 * `auth:read` to read and write nothing here (definePermissions adds that to every rule); the
 * anonymous operations (`allow`) stay open to everyone.
 */

export const permissions = definePermissions(
  { read: 'auth:read', write: null },
  {
    Query: grant({
      isSuperadmin: ['tenants', 'mailInbox'],
      isAuthenticated: ['tenant', 'me', 'user', 'sessions'],
      isTenantAdmin: [
        'users',
        'apiKeys',
        'machineClients',
        'auditLog',
        'authEvents',
        'webhookEndpoints',
        'webhookEndpoint',
        'webhookDeliveries',
        'invitations',
      ],
    }),
    Mutation: grant({
      // The enrolment mutations also serve a login's enrolment challenge (no token yet): they check
      // for a user or a challenge themselves.
      allow: [
        'login',
        'refreshToken',
        'clientCredentialsToken',
        'requestPasswordReset',
        'resetPassword',
        'verifyMfa',
        'startMfaEnrollment',
        'confirmMfaEnrollment',
        'acceptInvitation',
        'verifyEmail',
      ],
      isAuthenticated: [
        'logout',
        'revokeSession',
        'changePassword',
        'updateMe',
        'requestEmailVerification',
        'removeMfa',
        'regenerateRecoveryCodes',
      ],
      isSuperadmin: ['createTenant', 'updateTenant', 'suspendTenant', 'reactivateTenant'],
      isTenantAdmin: [
        'createUser',
        'updateUserRole',
        'deactivateUser',
        'reactivateUser',
        'createApiKey',
        'revokeApiKey',
        'createMachineClient',
        'revokeMachineClient',
        'createWebhookEndpoint',
        'updateWebhookEndpoint',
        'pauseWebhookEndpoint',
        'resumeWebhookEndpoint',
        'deleteWebhookEndpoint',
        'rotateWebhookEndpointSecret',
        'replayWebhookDelivery',
        'sendTestWebhookEvent',
        'setAdminMfaRequired',
        'inviteUser',
        'resendInvitation',
        'revokeInvitation',
      ],
    }),
    Tenant: grant({
      allow: ['id'],
      ownsParentTenant: [
        'slug',
        'name',
        'status',
        'planTier',
        'createdAt',
        'mfaRequiredForAdmins',
        'requireVerifiedEmail',
        'users',
      ],
    }),
    ...grant({
      // A SUPERADMIN's row has no tenant: ownsParentTenant then passes for SUPERADMINs only. CLIENTs
      // reach only their own row (findVisibleUser, reference resolver).
      ofCallersTenant: ['User'],
      tenantAdminOfRow: [
        'ApiKey',
        'MachineClient',
        'AuditLogEntry',
        'AuthEvent',
        'WebhookEndpoint',
        'WebhookDelivery',
        'WebhookDeliveryAttempt',
        'Invitation',
      ],
      isTenantAdmin: ['CreatedApiKey', 'CreatedMachineClient', 'CreatedWebhookEndpoint'],
      isAuthenticated: ['Session'],
      isSuperadmin: ['PlatformOverview', 'MailMessage'],
      // Answers of anonymous operations: only ever the caller's own data.
      allow: [
        'AuthPayload',
        'AuthenticatedUser',
        'AuthenticatedTenant',
        'ClientCredentialsPayload',
        'PasswordResetRequest',
        'MfaChallenge',
        'MfaEnrollment',
        'MfaActivation',
        'TenantUsersSummary',
        'TenantStatusCount',
        'DailyCount',
      ],
    }),
    ...connectionTypes(
      'Tenant',
      'User',
      'ApiKey',
      'MachineClient',
      'AuditLog',
      'AuthEvent',
      'WebhookEndpoint',
      'WebhookDelivery',
      'Invitation',
      'MailMessage',
    ),
  },
);
