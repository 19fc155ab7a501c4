import { randomUUID } from 'node:crypto';
import { apiError, ErrorCode, recordAudit, recordEvent, requireIdentity, withScope, type Identity } from '@codex/kit';
import type { AnalyticsRequest } from './request.ts';
import { parseEventBatch } from './event-input.ts';
import type { EventInput } from './generated/graphql.ts';
import type { Enrich, RequestOrigin } from './ingest/enrichment.ts';
import { storeEvents, type StoredEvent } from './event-store.ts';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  results: StoredEvent[];
}

/** A batch of 1,000 events with its rollups takes well under a second; this leaves room for lock waits. */
const transactionTimeoutMs = 30_000;

/**
 * The access matrix gives analytics writes to CLIENTs ("W events") and SUPERADMINs; ADMINs only
 * read. Machine clients also need the `analytics:ingest` scope (checked by the permission map).
 */
function requireIngestor(identity: Identity | null): Identity {
  const caller = requireIdentity(identity);
  if (caller.role === 'ADMIN')
    throw apiError(
      ErrorCode.FORBIDDEN,
      'ADMINs read analytics; events are ingested by CLIENTs (users, API keys, machine clients)',
    );
  return caller;
}

/**
 * Validates the whole batch, then stores its new events, their rollups and, per tenant, one audit
 * row and one `events.ingested` domain event (with the counts) in one transaction: all of it
 * commits, or nothing does. The event names the batch, so a consumer can tell batches apart.
 * Ingestion keys are public (embedded in web pages): they add today's events, never history.
 * Everyone else who may ingest may backfill their own tenant (SUPERADMIN: any).
 */
function requireBackfiller(identity: Identity) {
  if (identity.kind === 'apiKey' && identity.scopes.length > 0)
    throw apiError(ErrorCode.FORBIDDEN, 'Ingestion keys cannot backfill; use an API key or a SUPERADMIN');
}

/** What the request adds to its events: backfill (older than 30 days allowed), enrichment. */
export interface IngestOptions {
  backfill?: boolean;
  /** The service's enrichment; applied to browser requests only (see `ingest/enrichment.ts`). */
  enrich?: Enrich;
}

/**
 * Validates the whole batch, then stores its new events, their rollups, the anonymous ids they
 * link to users, and one audit row per tenant (with the counts) in one transaction: all of it
 * commits, or nothing does.
 */
export async function ingestEvents(
  request: AnalyticsRequest & RequestOrigin,
  input: readonly EventInput[],
  options: IngestOptions = {},
): Promise<IngestResult> {
  const identity = requireIngestor(request.identity);
  const backfill = options.backfill ?? false;
  if (backfill) requireBackfiller(identity);
  const enrichment = options.enrich?.({ userAgent: request.userAgent, clientIp: request.clientIp }) ?? null;
  const events = parseEventBatch(identity, input, new Date(), { backfill, enrichment });
  const results = await withScope(
    request.db,
    request.dataScope,
    async (tx) => {
      const stored = await storeEvents(tx, events);
      const batchId = randomUUID();
      for (const [tenantId, counts] of countsPerTenant(stored)) {
        await recordAudit(tx, request, {
          tenantId,
          action: 'events.ingest',
          entityType: 'EventBatch',
          entityId: null,
          changes: backfill ? { ...counts, backfill } : counts,
        });
        const payload = { batchId, ...counts };
        await recordEvent(tx, {
          type: 'events.ingested',
          tenantId,
          entityId: batchId,
          payload,
          requestId: request.requestId,
        });
      }
      return stored;
    },
    { timeout: transactionTimeoutMs },
  );
  const accepted = results.filter((result) => result.status === 'ACCEPTED').length;
  return { accepted, duplicates: results.length - accepted, results };
}

function countsPerTenant(results: readonly StoredEvent[]) {
  const counts = new Map<string, { received: number; accepted: number; duplicates: number }>();
  for (const result of results) {
    const tenant = counts.get(result.tenantId) ?? { received: 0, accepted: 0, duplicates: 0 };
    tenant.received += 1;
    if (result.status === 'ACCEPTED') tenant.accepted += 1;
    else tenant.duplicates += 1;
    counts.set(result.tenantId, tenant);
  }
  return counts;
}
