import {
  allow,
  connectionTypes,
  definePermissions,
  isAuthenticated,
  isSuperadmin,
  isTenantAdmin,
  ofCallersTenant,
  ownsParentTenant,
  tenantAdminOfRow,
} from '@codex/kit';

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
    Query: {
      tenants: isSuperadmin,
      tenant: isAuthenticated,
      me: isAuthenticated,
      users: isTenantAdmin,
      user: isAuthenticated,
      sessions: isAuthenticated,
      apiKeys: isTenantAdmin,
      machineClients: isTenantAdmin,
      auditLog: isTenantAdmin,
      authEvents: isTenantAdmin,
    },
    Mutation: {
      login: allow,
      refreshToken: allow,
      clientCredentialsToken: allow,
      requestPasswordReset: allow,
      resetPassword: allow,
      logout: isAuthenticated,
      revokeSession: isAuthenticated,
      changePassword: isAuthenticated,
      updateMe: isAuthenticated,
      createTenant: isSuperadmin,
      updateTenant: isSuperadmin,
      suspendTenant: isSuperadmin,
      reactivateTenant: isSuperadmin,
      createUser: isTenantAdmin,
      updateUserRole: isTenantAdmin,
      deactivateUser: isTenantAdmin,
      reactivateUser: isTenantAdmin,
      createApiKey: isTenantAdmin,
      revokeApiKey: isTenantAdmin,
      createMachineClient: isTenantAdmin,
      revokeMachineClient: isTenantAdmin,
    },
    Tenant: {
      id: allow,
      slug: ownsParentTenant,
      name: ownsParentTenant,
      status: ownsParentTenant,
      planTier: ownsParentTenant,
      createdAt: ownsParentTenant,
      users: ownsParentTenant,
    },
    // A SUPERADMIN's row has no tenant: ownsParentTenant then passes for SUPERADMINs only. CLIENTs
    // reach only their own row (findVisibleUser, reference resolver).
    User: ofCallersTenant,
    ApiKey: tenantAdminOfRow,
    CreatedApiKey: isTenantAdmin,
    MachineClient: tenantAdminOfRow,
    CreatedMachineClient: isTenantAdmin,
    AuditLogEntry: tenantAdminOfRow,
    AuthEvent: tenantAdminOfRow,
    Session: isAuthenticated,
    // Answers of anonymous operations: only ever the caller's own data.
    AuthPayload: allow,
    AuthenticatedUser: allow,
    AuthenticatedTenant: allow,
    ClientCredentialsPayload: allow,
    PasswordResetRequest: allow,
    TenantUsersSummary: allow,
    PlatformOverview: isSuperadmin,
    TenantStatusCount: allow,
    DailyCount: allow,
    ...connectionTypes('Tenant', 'User', 'ApiKey', 'MachineClient', 'AuditLog', 'AuthEvent'),
  },
);
