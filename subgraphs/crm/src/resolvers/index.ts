import { sharedResolvers } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Customer } from './Customer.ts';
import { Interaction } from './Interaction.ts';
import { Lead } from './Lead.ts';
import { Mutation } from './Mutation.ts';
import { Pipeline } from './Pipeline.ts';
import { PipelineStage } from './PipelineStage.ts';
import { PlatformOverview } from './PlatformOverview.ts';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = {
  ...sharedResolvers,
  Query,
  Mutation,
  Tenant,
  Customer,
  Lead,
  Pipeline,
  PipelineStage,
  Interaction,
  User,
  PlatformOverview,
};
