import { machineScopeNameOf } from '@codex/kit';
import type { ClientCredentialsPayloadResolvers } from '../generated/graphql.ts';

/** The token's `scp` holds `crm:read`; the API shows `CRM_READ`. */
export const ClientCredentialsPayload: ClientCredentialsPayloadResolvers = {
  scopes: (payload) => payload.scopes.map(machineScopeNameOf),
};
