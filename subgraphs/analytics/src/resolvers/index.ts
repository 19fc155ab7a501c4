import { sharedResolvers } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Customer } from './Customer.ts';
import { Dashboard } from './Dashboard.ts';
import { Event } from './Event.ts';
import { Mutation } from './Mutation.ts';
import { PlatformOverview } from './PlatformOverview.ts';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';
import { WidgetResult } from './WidgetResult.ts';

export const resolvers: Resolvers = {
  ...sharedResolvers,
  Query,
  Mutation,
  Tenant,
  Event,
  Dashboard,
  Customer,
  PlatformOverview,
  WidgetResult,
};
