import type { WindowUsage } from './charge-models.ts';
import { storedCharge } from './charge-properties.ts';
import {
  Prisma,
  type AppliedCoupon,
  type BillableMetric,
  type Coupon,
  type PendingInvoiceItem,
  type PlanCharge,
} from './db.ts';
import type { BillingTx } from './request.ts';
import { percentageFigures } from './usage-aggregation.ts';
import { usageFigures, type UsageAsk, type UsageFigures } from './usage-figures.ts';

export type DraftCharge = PlanCharge & { billableMetric: BillableMetric };
export type DraftCoupon = AppliedCoupon & { coupon: Coupon };
export interface UsageWindow {
  from: Date;
  to: Date;
}

/**
 * Every read `draftInvoice` makes (the subscription and its plan are its argument). The transaction
 * answers them one subscription at a time (`transactionReads`); the billing clock's batch answers
 * them from rows it read once for the whole batch (invoice-batch.ts).
 */
export interface DraftReads {
  /** The plan's charges in position order, with their metrics. */
  charges(planId: string): Promise<DraftCharge[]>;
  /** Each charge's usage of the subscription in the window, in the order of `charges`. */
  usage(subscriptionId: string, charges: readonly DraftCharge[], window: UsageWindow): Promise<WindowUsage[]>;
  /** The subscription's pending items not yet invoiced, oldest first. */
  pendingItems(subscriptionId: string): Promise<PendingInvoiceItem[]>;
  /** The subscription's active coupons in order of application. */
  coupons(subscriptionId: string): Promise<DraftCoupon[]>;
}

type Ids = string | { in: string[] };

/** The reads' arguments, for one subscription (or plan) or the batch's set of them. */
export const draftQueries = {
  charges: (planId: Ids) =>
    ({
      where: { planId },
      include: { billableMetric: true },
      orderBy: { position: 'asc' },
    }) satisfies Prisma.PlanChargeFindManyArgs,
  pendingItems: (subscriptionId: Ids) =>
    ({
      where: { subscriptionId, invoiceId: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }) satisfies Prisma.PendingInvoiceItemFindManyArgs,
  coupons: (subscriptionId: Ids) =>
    ({
      where: { subscriptionId, endedAt: null, OR: [{ periodsRemaining: null }, { periodsRemaining: { gt: 0 } }] },
      include: { coupon: true },
      orderBy: [{ appliedAt: 'asc' }, { id: 'asc' }],
    }) satisfies Prisma.AppliedCouponFindManyArgs,
};

/** What the usage statement is asked for one charge: its metric, and for PERCENTAGE what prices each event. */
export function usageAsk(subscriptionId: string, charge: DraftCharge, window: UsageWindow): UsageAsk {
  const priced = storedCharge(charge);
  const percentage =
    priced.model === 'PERCENTAGE' ? { ...priced.properties, freeUnits: priced.freeUnits.toFixed() } : undefined;
  return { subscriptionId, metricId: charge.billableMetricId, window, percentage };
}

/** A charge's `WindowUsage` from its figures: its metric's aggregate (and the PERCENTAGE figures). */
export function chargeUsage(charge: DraftCharge, figures: UsageFigures | undefined): WindowUsage {
  const aggregate = new Prisma.Decimal(figures?.[charge.billableMetric.aggregation] ?? 0);
  const percentage = figures?.percentage ? percentageFigures(figures.percentage) : undefined;
  return { aggregate, ...(percentage ? { percentage } : {}) };
}

/** `draftInvoice`'s reads on a transaction: four statements, the usage of all charges in one. */
export function transactionReads(tx: BillingTx): DraftReads {
  return {
    charges: (planId) => tx.planCharge.findMany(draftQueries.charges(planId)),
    usage: async (subscriptionId, charges, window) => {
      const figures = await usageFigures(
        tx,
        charges.map((charge) => usageAsk(subscriptionId, charge, window)),
      );
      return charges.map((charge, k) => chargeUsage(charge, figures[k]));
    },
    pendingItems: (subscriptionId) => tx.pendingInvoiceItem.findMany(draftQueries.pendingItems(subscriptionId)),
    coupons: (subscriptionId) => tx.appliedCoupon.findMany(draftQueries.coupons(subscriptionId)),
  };
}
