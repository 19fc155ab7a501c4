import { parseInput, recordAudit, requireIdentity, targetTenantId, withScope, type Identity } from '@codex/kit';
import { z } from 'zod';
import type { AnalyticsDatabase } from '../db.ts';
import type { AnalyticsRequest } from '../request.ts';

const maxOrigins = 50;
const maxOriginLength = 255;

/** `https://shop.example[:port]`, nothing after it: what a browser sends as `Origin`, so the match is exact. */
const originSchema = z
  .string()
  .max(maxOriginLength, `must be at most ${maxOriginLength} characters`)
  .transform((text, context) => {
    const url = URL.canParse(text) ? new URL(text) : null;
    const origin = url && /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search ? url.origin : null;
    if (origin && text.replace(/\/$/, '').toLowerCase() === origin.toLowerCase()) return origin;
    context.addIssue({ code: 'custom', message: 'must be an origin: http(s)://host[:port], without a path' });
    return z.NEVER;
  });

const originsSchema = z
  .array(originSchema)
  .max(maxOrigins, `at most ${maxOrigins} origins`)
  .transform((origins) => [...new Set(origins)]);

/** The origins allowed to send events of `tenantId` (none until an ADMIN sets them). */
export async function ingestionOrigins(request: AnalyticsRequest, tenantId?: string | null): Promise<string[]> {
  const tenant = targetTenantId(requireIdentity(request.identity), tenantId, 'tenantId');
  return withScope(request.db, request.dataScope, (tx) => originsOf(tx, tenant));
}

/** Replaces the tenant's allowed origins (ADMIN, SUPERADMIN: the permission map), audited. */
export async function setIngestionOrigins(
  request: AnalyticsRequest,
  origins: readonly string[],
  tenantId?: string | null,
): Promise<string[]> {
  const tenant = targetTenantId(requireIdentity(request.identity), tenantId, 'tenantId');
  const allowedOrigins = parseInput(originsSchema, origins, 'origins');
  return withScope(request.db, request.dataScope, async (tx) => {
    await tx.ingestionSettings.upsert({
      where: { tenantId: tenant },
      create: { tenantId: tenant, allowedOrigins },
      update: { allowedOrigins },
    });
    await recordAudit(tx, request, {
      tenantId: tenant,
      action: 'ingestion.origins',
      entityType: 'IngestionSettings',
      entityId: tenant,
      changes: { allowedOrigins },
    });
    return allowedOrigins;
  });
}

/**
 * The origins the gateway checks `POST /ingest` against, for the identity it established (the
 * caller's own tenant only; SUPERADMINs and tenant-less identities get none).
 */
export async function originsForIdentity(db: AnalyticsDatabase, identity: Identity | null): Promise<string[]> {
  const tenantId = identity?.role === 'SUPERADMIN' ? null : identity?.tenantId;
  if (!tenantId) return [];
  return withScope(db, { kind: 'tenant', tenantId }, (tx) => originsOf(tx, tenantId));
}

async function originsOf(tx: Pick<AnalyticsDatabase, 'ingestionSettings'>, tenantId: string): Promise<string[]> {
  const settings = await tx.ingestionSettings.findUnique({ where: { tenantId } });
  return settings?.allowedOrigins ?? [];
}
