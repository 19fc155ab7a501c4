import {
  apiError,
  ErrorCode,
  inputSchema,
  loadTenantPage,
  parseInput,
  withScope,
  type Identity,
  type PageArgs,
  parseArguments,
} from '@codex/kit';
import { z } from 'zod';
import { recordAuthEvent } from './auth-events.ts';
import { issueCredential } from './credential-issue.ts';
import { credentialKind, revokeCredential } from './credential-revocation.ts';
import type { MachineClient } from './db.ts';
import type { CreateMachineClientInput, MutationClientCredentialsTokenArgs } from './generated/graphql.ts';
import { requireIdentity, type AuthRequest } from './request.ts';
import { randomHex, randomSecret, sameHash, sha256 } from './secrets.ts';
import type { AuthServices } from './services.ts';
import type { SignedToken } from './signing-keys.ts';
import { isTenantAllowed } from './tenant-status.ts';
import { machineClientNameSchema, machineScopesSchema, targetTenantSchema, tokenSchema } from './validation.ts';

const createMachineClientInput = inputSchema<CreateMachineClientInput>()(
  z.object({
    name: machineClientNameSchema,
    scopes: machineScopesSchema,
    tenantId: targetTenantSchema,
  }),
);

const clientCredentialsArgs = inputSchema<MutationClientCredentialsTokenArgs>()(
  z.object({ clientId: tokenSchema, clientSecret: tokenSchema }),
);

/** A machine token with the client's scopes in token form (`ClientCredentialsPayload` shows enum names). */
export type IssuedMachineToken = SignedToken & { scopes: string[] };

const machineClients = credentialKind('machine_client', 'Machine client', 'MachineClient');

const invalidClient = () => apiError(ErrorCode.UNAUTHENTICATED, 'Invalid client credentials');

export async function createMachineClient(
  request: AuthRequest,
  input: CreateMachineClientInput,
): Promise<{ machineClient: MachineClient; clientSecret: string }> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createMachineClientInput, input, 'input');
  const clientSecret = `cdxs_${randomSecret(32)}`;
  const clientId = `cdxc_${randomHex(12)}`;
  const issue = {
    kind: machineClients,
    tenantId: data.tenantId,
    changes: { name: data.name, scopes: data.scopes, clientId },
  };
  const machineClient = await issueCredential(request, identity, issue, (tx, owner) =>
    tx.machineClient.create({
      data: { ...owner, name: data.name, scopes: data.scopes, clientId, secretHash: sha256(clientSecret) },
    }),
  );
  return { machineClient, clientSecret };
}

export const listMachineClients = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) =>
  loadTenantPage(request, args, request.db.machineClient);

/** Stops new tokens at once; the gateway refuses tokens already issued within its revocation poll (~2 s). */
export const revokeMachineClient = (request: AuthRequest, id: string): Promise<MachineClient> =>
  revokeCredential(request, id, (tx) => tx.machineClient, machineClients);

/** OAuth2 client credentials → a short-lived machine token with the client's scopes. `request`: the system request. */
export async function issueClientCredentialsToken(
  services: AuthServices,
  request: AuthRequest,
  args: MutationClientCredentialsTokenArgs,
): Promise<IssuedMachineToken> {
  parseArguments(clientCredentialsArgs, args);
  const client = await request.db.machineClient.findUnique({
    where: { clientId: args.clientId },
    include: { tenant: true },
  });
  // Hash comparison runs either way, so unknown ids and wrong secrets take the same time.
  const matches = sameHash(client?.secretHash ?? sha256(''), sha256(args.clientSecret)) && client !== null;
  if (!client || !matches || client.revokedAt || !isTenantAllowed(client.tenant)) throw invalidClient();
  const identity: Identity = {
    kind: 'machine',
    subjectId: client.id,
    tenantId: client.tenantId,
    role: 'CLIENT',
    scopes: client.scopes,
    sessionId: null,
  };
  const signed = await services.keys.signAccessToken(identity, services.settings.machineTokenTtlSeconds);
  await withScope(request.db, request.dataScope, async (tx) => {
    await tx.machineClient.update({ where: { id: client.id }, data: { lastUsedAt: new Date() } });
    await recordAuthEvent(tx, request, {
      type: 'MACHINE_TOKEN_ISSUED',
      tenantId: client.tenantId,
      userId: null,
      metadata: { machineClientId: client.id, scopes: client.scopes },
    });
  });
  return { ...signed, scopes: client.scopes };
}
