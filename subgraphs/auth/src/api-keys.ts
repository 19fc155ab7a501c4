import { inputSchema, loadTenantPage, parseInput, type Identity, type PageArgs } from '@codex/kit';
import { z } from 'zod';
import { issueCredential } from './credential-issue.ts';
import { credentialKind, revokeCredential } from './credential-revocation.ts';
import type { ApiKey, AuthDatabase } from './db.ts';
import type { CreateApiKeyInput } from './generated/graphql.ts';
import { requireIdentity, type AuthRequest } from './request.ts';
import { randomHex, randomSecret, sameHash, sha256 } from './secrets.ts';
import { isTenantAllowed } from './tenant-status.ts';
import { apiKeyNameSchema, machineScopesSchema, targetTenantSchema } from './validation.ts';

/** `cdx_<12 hex prefix>_<43 base64url>`: the prefix finds the row, the hash of the whole key proves it. */
const keyFormat = /^cdx_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;
const lastUsedResolutionMs = 60_000;

const apiKeys = credentialKind('api_key', 'API key', 'ApiKey');

const createApiKeyInput = inputSchema<CreateApiKeyInput>()(
  z.object({
    name: apiKeyNameSchema,
    role: z.enum(['ADMIN', 'CLIENT']),
    expiresAt: z
      .date()
      .refine((date) => date.getTime() > Date.now(), 'must be in the future')
      .nullish(),
    scopes: machineScopesSchema.nullish().transform((scopes) => scopes ?? []),
    tenantId: targetTenantSchema,
  }),
);

export async function createApiKey(
  request: AuthRequest,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createApiKeyInput, input, 'input');
  const prefix = randomHex(6);
  const secret = `cdx_${prefix}_${randomSecret(32)}`;
  const issue = {
    kind: apiKeys,
    tenantId: data.tenantId,
    changes: { name: data.name, role: data.role, scopes: data.scopes, prefix },
    details: { prefix },
  };
  const apiKey = await issueCredential(request, identity, issue, (tx, owner) =>
    tx.apiKey.create({
      data: {
        ...owner,
        name: data.name,
        role: data.role,
        scopes: data.scopes,
        prefix,
        secretHash: sha256(secret),
        expiresAt: data.expiresAt ?? null,
      },
    }),
  );
  return { apiKey, secret };
}

export const listApiKeys = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) =>
  loadTenantPage(request, args, request.db.apiKey);

/** Revoked keys are refused by the gateway within its 2 s verification cache. */
export const revokeApiKey = (request: AuthRequest, id: string): Promise<ApiKey> =>
  revokeCredential(request, id, (tx) => tx.apiKey, apiKeys);

/**
 * The identity a presented key proves, or null: valid format and hash, not revoked, not expired,
 * tenant ACTIVE or TRIAL. `db`: the all-tenants client (the tenant is what we are finding out).
 */
export async function verifyApiKey(db: AuthDatabase, presented: string): Promise<Identity | null> {
  const prefix = keyFormat.exec(presented)?.[1];
  if (!prefix) return null;
  const key = await db.apiKey.findUnique({ where: { prefix }, include: { tenant: true } });
  const now = new Date();
  if (!key || !sameHash(key.secretHash, sha256(presented))) return null;
  if (key.revokedAt || (key.expiresAt && key.expiresAt <= now) || !isTenantAllowed(key.tenant)) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > lastUsedResolutionMs) {
    // At most one write a minute per key, whatever the traffic and the number of instances.
    await db.apiKey.updateMany({
      where: {
        id: key.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - lastUsedResolutionMs) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return {
    kind: 'apiKey',
    subjectId: key.id,
    tenantId: key.tenantId,
    role: key.role,
    scopes: key.scopes,
    sessionId: null,
  };
}
