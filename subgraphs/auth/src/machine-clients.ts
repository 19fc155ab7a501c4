import {
  apiError,
  auditRow,
  ErrorCode,
  inputSchema,
  loadTenantPage,
  machineScopeFromName,
  machineScopeNames,
  parseInput,
  withScope,
  type Identity,
  type PageArgs,
  parseArguments,
} from '@codex/kit';
import { z } from 'zod';
import { recordAuthEvent } from './auth-events.ts';
import { revokeCredential } from './credential-revocation.ts';
import type { MachineClient } from './db.ts';
import type { CreateMachineClientInput, MutationClientCredentialsTokenArgs } from './generated/graphql.ts';
import { actingUserId, existingTargetTenant, requireIdentity, type AuthRequest } from './request.ts';
import { randomHex, randomSecret, sameHash, sha256 } from './secrets.ts';
import type { AuthServices } from './services.ts';
import type { SignedToken } from './signing-keys.ts';
import { isTenantAllowed } from './tenant-status.ts';
import { authLimits, machineClientNameSchema, targetTenantSchema, tokenSchema } from './validation.ts';

/**
 * The API's enum names (`CRM_READ`) → the token form kept in rows and tokens (`crm:read`). GraphQL
 * has refused names outside the enum already; the check stays for callers that bypass it.
 */
const scope = z.enum(machineScopeNames).transform(machineScopeFromName);
const createMachineClientInput = inputSchema<CreateMachineClientInput>()(
  z.object({
    name: machineClientNameSchema,
    scopes: z
      .array(scope)
      .max(authLimits.scopes, `at most ${authLimits.scopes} scopes`)
      .transform((scopes) => [...new Set(scopes)]),
    tenantId: targetTenantSchema,
  }),
);

const clientCredentialsArgs = inputSchema<MutationClientCredentialsTokenArgs>()(
  z.object({ clientId: tokenSchema, clientSecret: tokenSchema }),
);

/** A machine token with the client's scopes in token form (`ClientCredentialsPayload` shows enum names). */
export type IssuedMachineToken = SignedToken & { scopes: string[] };

const invalidClient = () => apiError(ErrorCode.UNAUTHENTICATED, 'Invalid client credentials');

export async function createMachineClient(
  request: AuthRequest,
  input: CreateMachineClientInput,
): Promise<{ machineClient: MachineClient; clientSecret: string }> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createMachineClientInput, input, 'input');
  const tenantId = await existingTargetTenant(request, identity, data.tenantId, 'input.tenantId');
  const clientSecret = `cdxs_${randomSecret(32)}`;
  const machineClient = await withScope(request.db, request.dataScope, async (tx) => {
    const created = await tx.machineClient.create({
      data: {
        tenantId,
        name: data.name,
        scopes: data.scopes,
        clientId: `cdxc_${randomHex(12)}`,
        secretHash: sha256(clientSecret),
        createdById: identity.subjectId,
      },
    });
    await recordAuthEvent(tx, request, {
      type: 'MACHINE_CLIENT_CREATED',
      tenantId,
      userId: actingUserId(identity),
      metadata: { machineClientId: created.id },
    });
    await auditRow(tx, request, 'machine_client.create', 'MachineClient', created, {
      name: created.name,
      scopes: created.scopes,
      clientId: created.clientId,
    });
    return created;
  });
  return { machineClient, clientSecret };
}

export const listMachineClients = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) =>
  loadTenantPage(request, args, request.db.machineClient);

/** Stops new tokens at once; the gateway refuses tokens already issued within its revocation poll (~2 s). */
export const revokeMachineClient = (request: AuthRequest, id: string): Promise<MachineClient> =>
  revokeCredential(request, id, (tx) => tx.machineClient, {
    label: 'Machine client',
    entityType: 'MachineClient',
    action: 'machine_client.revoke',
    event: 'MACHINE_CLIENT_REVOKED',
    idKey: 'machineClientId',
  });

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
