import { sharedResolvers } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { ContentItem } from './ContentItem.ts';
import { ContentRevision } from './ContentRevision.ts';
import { ContentType } from './ContentType.ts';
import { MediaFile } from './MediaFile.ts';
import { Mutation } from './Mutation.ts';
import { Page } from './Page.ts';
import { PlatformOverview } from './PlatformOverview.ts';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';

export const resolvers: Resolvers = {
  ...sharedResolvers,
  Query,
  Mutation,
  Tenant,
  ContentType,
  ContentItem,
  ContentRevision,
  MediaFile,
  Page,
  PlatformOverview,
};
