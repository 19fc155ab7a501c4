import { withScope, type Identity, type Logger } from '@codex/kit';
import type { BillingDatabase } from '../db.ts';
import type { BillingTx } from '../request.ts';

/** What the billing clock runs on: the service's unscoped client (each item is scoped to its tenant). */
export interface ClockDeps {
  db: BillingDatabase;
  logger: Logger;
}

/** Who the audit trail and the events name: nobody (SYSTEM), and the work that did it. */
export interface ClockActor {
  identity: Identity | null;
  requestId: string;
}

/** `job:<task>:<item>`, as the audit reads it (actor SYSTEM). */
export const clockActor = (work: string, id: string): ClockActor => ({
  identity: null,
  requestId: `job:billing.clock.${work}:${id}`,
});

/** One item of due work: a row and the tenant whose scope it is changed in. */
export interface DueItem {
  id: string;
  tenantId: string;
}

/**
 * One item's change in one transaction under its tenant's row-level security, so a bug in the
 * clock cannot write across tenants. Invoices of a tenant queue on its number counter: waits are long.
 */
export const inTenant = <R>(db: BillingDatabase, tenantId: string, work: (tx: BillingTx) => Promise<R>) =>
  withScope(db, { kind: 'tenant', tenantId }, work, { maxWait: 30_000, timeout: 60_000 });

/** Locks one row for the transaction and reports whether it (still) exists in the tenant's scope. */
export async function lockedRow(tx: BillingTx, table: 'subscriptions' | 'invoices', id: string): Promise<boolean> {
  // `table` is one of two constants, never input.
  const rows = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1::uuid FOR UPDATE`, id);
  return rows.length > 0;
}

/**
 * Domain events of one item's transaction, written at its end: an event takes the outbox's lock
 * until commit (kit domain-events.ts), so an event written before the tenant's invoice number
 * counter is taken deadlocks with another item of the tenant that holds the counter.
 */
export function eventsAtEnd() {
  const pending: (() => Promise<unknown>)[] = [];
  return {
    add: (write: () => Promise<unknown>) => void pending.push(write),
    write: async () => {
      for (const write of pending) await write();
    },
  };
}
export type EventsAtEnd = ReturnType<typeof eventsAtEnd>;

/**
 * Takes the tenant's invoice number counter row (created at 0 when missing) before the item
 * changes anything: the stats triggers lock the tenant's stats row on a subscription change and
 * on an invoice insert, so an item that changed its subscription first and then waited for the
 * counter deadlocked with one holding the counter. Counter first, like every invoice writer.
 */
export async function holdInvoiceNumbers(tx: BillingTx, tenantId: string): Promise<void> {
  await tx.$queryRawUnsafe(
    `INSERT INTO invoice_number_counters (tenant_id, last_value) VALUES ($1::uuid, 0)
     ON CONFLICT (tenant_id) DO UPDATE SET last_value = invoice_number_counters.last_value RETURNING 1`,
    tenantId,
  );
}
