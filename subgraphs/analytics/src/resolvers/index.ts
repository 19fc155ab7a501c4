import { Tenant } from './Tenant.ts';

export const resolvers = { Tenant };
