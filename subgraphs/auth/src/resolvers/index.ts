import { sharedResolvers } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { ApiKey } from './ApiKey.ts';
import { AuthEvent } from './AuthEvent.ts';
import { ClientCredentialsPayload } from './ClientCredentialsPayload.ts';
import { Invitation } from './Invitation.ts';
import { MachineClient } from './MachineClient.ts';
import { Mutation } from './Mutation.ts';
import { PlatformOverview } from './PlatformOverview.ts';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';
import { User } from './User.ts';
import { WebhookDelivery } from './WebhookDelivery.ts';

export const resolvers: Resolvers = {
  ...sharedResolvers,
  Query,
  Mutation,
  Tenant,
  User,
  AuthEvent,
  ApiKey,
  MachineClient,
  ClientCredentialsPayload,
  PlatformOverview,
  WebhookDelivery,
  Invitation,
};
