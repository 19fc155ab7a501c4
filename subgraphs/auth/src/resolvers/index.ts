import { DateTime } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { AuditLogEntry } from './AuditLogEntry.ts';
import { AuthEvent } from './AuthEvent.ts';
import { ClientCredentialsPayload } from './ClientCredentialsPayload.ts';
import { MachineClient } from './MachineClient.ts';
import { Mutation } from './Mutation.ts';
import { PlatformOverview } from './PlatformOverview.ts';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Tenant,
  User,
  AuditLogEntry,
  AuthEvent,
  MachineClient,
  ClientCredentialsPayload,
  PlatformOverview,
};
