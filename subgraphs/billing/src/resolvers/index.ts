import type { Resolvers } from '../generated/graphql.ts';
import { Tenant } from './Tenant.ts';

export const resolvers: Resolvers = { Tenant };
