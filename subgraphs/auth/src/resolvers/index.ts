import { DateTime } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import type { AuthServices } from '../services.ts';
import { AuditLogEntry } from './AuditLogEntry.ts';
import { AuthEvent } from './AuthEvent.ts';
import { createMutation } from './Mutation.ts';
import { PlatformOverview } from './PlatformOverview.ts';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';
import { User } from './User.ts';

/** Mutations need the services (signing keys, system client, settings); the other types only the context. */
export const createResolvers = (services: AuthServices): Resolvers => ({
  DateTime,
  Query,
  Mutation: createMutation(services),
  Tenant,
  User,
  AuditLogEntry,
  AuthEvent,
  PlatformOverview,
});
