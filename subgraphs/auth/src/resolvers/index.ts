import { DateTime } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';

export const resolvers: Resolvers = { DateTime, Query, Tenant };
