import {
  auditRow,
  badInput,
  existingId,
  findExisting,
  inputSchema,
  isUuid,
  parseInput,
  recordAudit,
  recordRowChange,
  recordRowEvent,
  requireIdentity,
  notFound,
  tenantList,
} from '@codex/kit';
import { z } from 'zod';
import { confirmCustomer } from './customers.ts';
import type { BillingDatabase, Plan, Subscription } from './db.ts';
import { columnsEqual } from './lists.ts';
import type { SubscribeCustomerInput, SubscriptionFilter } from './generated/graphql.ts';
import { datesInWindow, subscriptionDates } from './periods.ts';
import {
  inTransaction,
  lockRow,
  type BillingRequest,
  type BillingTx,
  type CustomerCheckingRequest,
} from './request.ts';
import { cancelReasonSchema, dateSchema, lookupIdSchema, quantitySchema, trialDaysSchema } from './validation.ts';

const subscribeInput = inputSchema<SubscribeCustomerInput>()(
  z.object({
    customerId: lookupIdSchema,
    planId: lookupIdSchema,
    startAt: dateSchema.nullish(),
    trialDays: trialDaysSchema.nullish(),
    quantity: quantitySchema.nullish(),
  }),
);
const reasonSchema = cancelReasonSchema.nullish();

export const listSubscriptions = tenantList((db: BillingRequest['db']) => db.subscription, {
  where: (filter?: SubscriptionFilter | null) => columnsEqual(filter ?? {}, ['customerId', 'planId']),
  order: { CREATED_AT: 'createdAt', CURRENT_PERIOD_END: 'currentPeriodEnd' },
});

const planMissing = (field: string) => notFound('Plan', field);

/** A plan the caller may subscribe to: in scope (and in `tenantId` when given), active. */
export async function subscribablePlan(
  db: BillingDatabase | BillingTx,
  planId: string,
  field: string,
  tenantId?: string,
): Promise<Plan> {
  const plan = isUuid(planId)
    ? await db.plan.findFirst({ where: { id: planId, ...(tenantId ? { tenantId } : {}) } })
    : null;
  if (!plan) throw planMissing(field);
  if (!plan.active) throw badInput('This plan is archived and takes no new subscriptions', field);
  return plan;
}

/**
 * ADMIN (their tenant) or SUPERADMIN (the plan's tenant). The customer must exist in CRM in that
 * tenant; the trial comes from the plan unless `trialDays` overrides it.
 */
export async function subscribeCustomer(
  request: CustomerCheckingRequest,
  input: SubscribeCustomerInput,
): Promise<Subscription> {
  requireIdentity(request.identity);
  const data = parseInput(subscribeInput, input, 'input');
  const plan = await subscribablePlan(request.db, data.planId, 'input.planId');
  const now = request.clock.now();
  // Worked out before anything else is asked: a period past 9999 would poison every later read.
  const dates = datesInWindow(
    subscriptionDates(data.startAt ?? now, plan, data.trialDays ?? plan.trialDays),
    'input.startAt',
  );
  // Asked before the transaction: no database transaction waits on another service.
  await confirmCustomer(request, data.customerId, plan.tenantId);
  return inTransaction(request, async (tx) => {
    const subscription = await tx.subscription.create({
      data: {
        tenantId: plan.tenantId,
        customerId: data.customerId,
        planId: plan.id,
        quantity: data.quantity ?? 1,
        ...dates,
        usageBilledThrough: dates.trialStart ?? dates.currentPeriodStart,
        // The clock's next run invoices the first period (README "The billing clock"); a trial's
        // end invoices it instead, and a backdated start records a subscription billed before.
        firstInvoiceDue: !dates.trialStart && dates.currentPeriodStart >= now,
      },
    });
    await recordAudit(tx, request, {
      tenantId: plan.tenantId,
      action: 'subscription.create',
      entityType: 'Subscription',
      entityId: subscription.id,
      changes: { customerId: data.customerId, planId: plan.id, quantity: subscription.quantity, ...dates },
    });
    await recordRowEvent(tx, request, 'subscription.created', subscription);
    return subscription;
  });
}

/** Each change's audit action and domain event (README "Domain events"). */
const subscriptionChanges = {
  cancel: { action: 'subscription.cancel', event: 'subscription.cancelled' },
  cancelAtPeriodEnd: { action: 'subscription.cancel_at_period_end', event: 'subscription.updated' },
  resume: { action: 'subscription.resume', event: 'subscription.updated' },
} as const;

/** Runs `change` on a locked subscription of the caller's scope; its result is saved, audited and told as an event. */
async function changeSubscription(
  request: BillingRequest,
  id: string,
  { action, event }: { action: string; event: string },
  change: (subscription: Subscription, tx: BillingTx) => Promise<Partial<Subscription>> | Partial<Subscription>,
): Promise<Subscription> {
  const subscriptionId = existingId(id, 'Subscription');
  return inTransaction(request, async (tx) => {
    await lockRow(tx, 'subscriptions', subscriptionId);
    const subscription = await findExisting(tx.subscription, subscriptionId, 'Subscription');
    const data = await change(subscription, tx);
    const updated = await tx.subscription.update({ where: { id: subscriptionId }, data });
    await auditRow(tx, request, action, 'Subscription', subscription, data);
    await recordRowChange(tx, request, event, subscription, updated);
    return updated;
  });
}

const refuseIfCancelled = (subscription: Subscription, message: string) => {
  if (subscription.status === 'CANCELLED') throw badInput(message, 'id');
};

/** Now: CANCELLED at once. At period end: stays active with `cancelAtPeriodEnd` until the period ends. */
export function cancelSubscription(
  request: BillingRequest,
  id: string,
  atPeriodEnd: boolean,
  reason: string | null | undefined,
) {
  const cancelReason = parseInput(reasonSchema, reason, 'reason') || null;
  return changeSubscription(
    request,
    id,
    atPeriodEnd ? subscriptionChanges.cancelAtPeriodEnd : subscriptionChanges.cancel,
    (subscription) => {
      refuseIfCancelled(subscription, 'The subscription is already cancelled');
      if (atPeriodEnd) return { cancelAtPeriodEnd: true, cancelReason };
      return { status: 'CANCELLED', cancelledAt: request.clock.now(), cancelAtPeriodEnd: false, cancelReason };
    },
  );
}

/** Undoes a cancellation scheduled for the period end. */
export const resumeSubscription = (request: BillingRequest, id: string) =>
  changeSubscription(request, id, subscriptionChanges.resume, (subscription) => {
    refuseIfCancelled(subscription, 'A cancelled subscription cannot resume: subscribe the customer again');
    if (!subscription.cancelAtPeriodEnd) throw badInput('The subscription is not scheduled to cancel', 'id');
    return { cancelAtPeriodEnd: false, cancelReason: null };
  });
