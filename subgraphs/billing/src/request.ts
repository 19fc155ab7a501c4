import {
  withScope,
  type DomainRequest,
  type RequestContext,
  type SubgraphClient,
  type TransactionClient,
} from '@codex/kit';
import type { Clock } from '@codex/kit/job-queue';
import type { BillingDatabase } from './db.ts';

/** A domain request of this service: the request context satisfies it. `clock` gives its "now". */
export type BillingRequest = DomainRequest<BillingDatabase> & { clock: Clock };

/**
 * A request that names CRM customers: what the customer check needs to ask CRM on the caller's
 * behalf (address, agent, logger, the CRM client).
 */
export type CustomerCheckingRequest = BillingRequest &
  Pick<RequestContext, 'clientIp' | 'userAgent' | 'logger'> & { crm: SubgraphClient };

export type BillingTx = TransactionClient<BillingDatabase>;

/**
 * `withScope` for billing writes. Invoice creation waits on its tenant's number counter (one
 * invoice at a time per tenant), so transactions may queue for a connection and the lock.
 */
export const inTransaction = <R>(
  request: Pick<BillingRequest, 'db' | 'dataScope'>,
  work: (tx: BillingTx) => Promise<R>,
) => withScope(request.db, request.dataScope, work, { maxWait: 10_000, timeout: 20_000 });

/**
 * Locks one row for the rest of the transaction, so a read-check-write (a status transition)
 * cannot interleave with another on the same row. Row-level security applies as for any query.
 */
export async function lockRow(tx: BillingTx, table: 'subscriptions' | 'invoices', id: string): Promise<void> {
  // `table` is one of two constants, never input.
  await tx.$queryRawUnsafe(`SELECT 1 FROM ${table} WHERE id = $1::uuid FOR UPDATE`, id);
}
