export const auth = {
  context: 'AuthContext',
  mappers: {
    Tenant: '../db.ts#Tenant as TenantModel',
    AuthenticatedTenant: '../db.ts#Tenant as TenantModel',
    User: '../db.ts#User as UserModel',
    AuthenticatedUser: '../login.ts#AuthenticatedUser as AuthenticatedUserModel',
    ApiKey: '../db.ts#ApiKey as ApiKeyModel',
    MachineClient: '../db.ts#MachineClient as MachineClientModel',
    ClientCredentialsPayload: '../machine-clients.ts#IssuedMachineToken',
    AuditLogEntry: '../db.ts#AuditLog as AuditLogModel',
    AuthEvent: '../db.ts#AuthEvent as AuthEventModel',
    WebhookEndpoint: '../db.ts#WebhookEndpoint as WebhookEndpointModel',
    CreatedWebhookEndpoint: '../webhooks/endpoints.ts#CreatedWebhookEndpoint as CreatedWebhookEndpointModel',
    WebhookDelivery: '../db.ts#WebhookDelivery as WebhookDeliveryModel',
    WebhookDeliveryAttempt: '../db.ts#WebhookDeliveryAttempt as WebhookDeliveryAttemptModel',
    Invitation: '../db.ts#Invitation as InvitationModel',
  },
};
