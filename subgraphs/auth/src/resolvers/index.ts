import { DateTime } from '@codex/kit';
import { Query } from './Query.ts';
import { Tenant } from './Tenant.ts';

export const resolvers = { DateTime, Query, Tenant };
