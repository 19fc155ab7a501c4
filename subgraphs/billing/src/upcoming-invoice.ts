import type { BillingReason, Subscription } from './db.ts';
import type { InvoiceDraft } from './invoice-builder.ts';

/** `upcomingInvoice`'s answer: the draft that would be issued now, and why. */
export interface UpcomingInvoiceView extends InvoiceDraft {
  subscription: Subscription;
  billingReason: BillingReason;
}
