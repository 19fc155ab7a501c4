import type { BillingTx } from './request.ts';

/**
 * The tenant's next invoice number, `INV-000001` style. The counter row is created or incremented
 * in one statement that locks it until the surrounding transaction ends: concurrent invoices of a
 * tenant queue here and take consecutive numbers, and a transaction that rolls back gives its
 * number back (no gaps). Call it in the transaction that creates the invoice.
 */
export async function nextInvoiceNumber(tx: BillingTx, tenantId: string): Promise<string> {
  const [counter] = await tx.$queryRawUnsafe<{ prefix: string; last_value: number }[]>(
    `INSERT INTO invoice_number_counters (tenant_id, last_value) VALUES ($1::uuid, 1)
     ON CONFLICT (tenant_id) DO UPDATE SET last_value = invoice_number_counters.last_value + 1, updated_at = now()
     RETURNING prefix, last_value`,
    tenantId,
  );
  if (!counter) throw new Error('invoice number counter returned no row');
  return `${counter.prefix}-${String(counter.last_value).padStart(6, '0')}`;
}
