import { machineScopeNameOf } from '@codex/kit';
import type { MachineClientResolvers } from '../generated/graphql.ts';

/** Rows keep scopes in token form (`crm:read`); the API shows enum names (`CRM_READ`). */
export const MachineClient: MachineClientResolvers = {
  scopes: (client) => client.scopes.map(machineScopeNameOf),
};
