import type { Identity } from '@codex/kit';
import type { BillingReason, InvoiceLineKind, Plan, Prisma, Subscription } from './db.ts';

type Decimal = Prisma.Decimal;

/** A subscription as the builder reads it: with its current plan. */
export type BillableSubscription = Subscription & { plan: Plan };

/** One line of a draft: priced and rounded to the currency's minor unit, not yet stored. */
export interface DraftLine {
  kind: InvoiceLineKind;
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  /** Signed (proration credits are negative), rounded half-up via `roundMoney`. */
  amount: Decimal;
  periodStart: Date | null;
  periodEnd: Date | null;
  planId: string | null;
  chargeId: string | null;
  billableMetricId: string | null;
  /** How the amount was reached (tiers, packages, per-event figures); stored as the line's `details`. */
  details: Record<string, unknown> | null;
  /** The pending invoice item the line bills (marked billed by `issueInvoice`). */
  pendingItemId: string | null;
}

/** A coupon's amount off one draft. */
export interface DraftDiscount {
  appliedCouponId: string;
  couponId: string;
  description: string;
  amount: Decimal;
}

export interface InvoiceDraft {
  lines: DraftLine[];
  discounts: DraftDiscount[];
  subtotal: Decimal;
  discount: Decimal;
  tax: Decimal;
  total: Decimal;
  currency: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  usageFrom: Date;
  usageTo: Date;
}

export interface DraftOptions {
  reason: BillingReason;
  /** The plan period billed in advance; null: no plan line. */
  periodStart: Date | null;
  periodEnd: Date | null;
  /** Usage in [subscription.usageBilledThrough, usageTo) is billed in arrears. */
  usageTo: Date;
  /** The time the draft is made at (coupon expiry, descriptions). */
  asOf: Date;
  /** Tax in percent of subtotal − discount (default 0). */
  taxRatePercent?: Decimal;
  /** A manual amount off (createInvoiceForPeriod), after coupons (default 0). */
  manualDiscount?: Decimal;
}

/** Who issues: a request's identity, or `identity: null` with `requestId: 'job:<task>:<id>'` (audited as SYSTEM). */
export interface BillingActor {
  identity: Identity | null;
  requestId: string;
}

export interface IssueOptions {
  reason: BillingReason;
  /** Default: issue time + the plan's `daysUntilDue` (only when finalized). */
  dueDate?: Date | null;
  /** OPEN at once (issued now) instead of DRAFT. */
  finalize: boolean;
  notes?: string | null;
  /** The issue time (default now); jobs pass their clock's time. */
  now?: Date;
}
