import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types for each subgraph, generated from its SDL into `subgraphs/<name>/src/generated/`
 * (git-ignored; `npm install` runs this), so resolvers that drift from the SDL fail to type-check.
 * `mappers` name the model a resolver returns where it differs from the GraphQL type.
 */
const subgraphs = {
  auth: {
    context: 'AuthContext',
    mappers: {
      Tenant: '../db.ts#Tenant as TenantModel',
      AuthenticatedTenant: '../db.ts#Tenant as TenantModel',
      User: '../db.ts#User as UserModel',
      AuthenticatedUser: '../login.ts#AuthenticatedUser as AuthenticatedUserModel',
      ApiKey: '../db.ts#ApiKey as ApiKeyModel',
      MachineClient: '../db.ts#MachineClient as MachineClientModel',
      AuditLogEntry: '../db.ts#AuditLog as AuditLogModel',
      AuthEvent: '../db.ts#AuthEvent as AuthEventModel',
    },
  },
  crm: { context: 'CrmContext', mappers: {} },
  cms: { context: 'CmsContext', mappers: {} },
  billing: { context: 'BillingContext', mappers: {} },
  analytics: { context: 'AnalyticsContext', mappers: {} },
} as const;

const config: CodegenConfig = {
  silent: true,
  generates: Object.fromEntries(
    Object.entries(subgraphs).map(([name, { context, mappers }]) => [
      `../subgraphs/${name}/src/generated/graphql.ts`,
      {
        schema: `${name}.graphql`,
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: `../context.ts#${context}`,
          mappers,
          scalars: { DateTime: 'Date' },
          enumsAsTypes: true,
          useTypeImports: true,
          useIndexSignature: true,
          importExtension: '.ts',
        },
      },
    ]),
  ),
};

export default config;
