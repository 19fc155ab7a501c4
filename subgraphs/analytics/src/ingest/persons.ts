import type { AnalyticsTx } from '../request.ts';

interface IdentifiedEvent {
  tenantId: string;
  anonymousId: string | null;
  userId: string | null;
}

/**
 * Identify: an event carrying both an anonymous id and a user id links the two, so insights count
 * the anonymous events before the login and the identified ones after it as one person. The first
 * link of an anonymous id wins (a shared browser keeps its first user); one statement per batch,
 * in the transaction that stores the events.
 */
export async function linkAnonymousIds(tx: AnalyticsTx, events: readonly IdentifiedEvent[]): Promise<void> {
  const links = new Map<string, { tenantId: string; anonymousId: string; userId: string }>();
  for (const { tenantId, anonymousId, userId } of events) {
    const key = `${tenantId}\n${anonymousId}`;
    if (anonymousId && userId && !links.has(key)) links.set(key, { tenantId, anonymousId, userId });
  }
  if (links.size === 0) return;
  const rows = [...links.values()];
  await tx.$executeRawUnsafe(
    `INSERT INTO person_aliases (tenant_id, anonymous_id, user_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])
     ORDER BY 1, 2
     ON CONFLICT (tenant_id, anonymous_id) DO NOTHING`,
    rows.map((row) => row.tenantId),
    rows.map((row) => row.anonymousId),
    rows.map((row) => row.userId),
  );
}
