import { changedFieldNames } from '@codex/kit';
import type { Plan } from '../db.ts';
import type { BillableSubscription } from '../invoice-builder.ts';
import { batchLog, draftInvoices, issueInvoices, type BatchLog, type IssueRequest } from '../invoice-batch.ts';
import type { BillingTx } from '../request.ts';
import type { SubscriptionOutcome } from './renewals.ts';
import { stepActor } from './renewals.ts';
import { dueDateAfter, subscriptionStepDue, type SubscriptionStep } from './schedule.ts';
import { planStep, type StepPlan } from './step-plan.ts';
import { holdInvoiceNumbers, inTenant, type ClockActor, type ClockDeps } from './work.ts';

/** A subscription of the batch whose step is due, with what the step does. */
interface Planned {
  before: BillableSubscription;
  step: SubscriptionStep;
  actor: ClockActor;
  plan: StepPlan;
}

/**
 * The due step of each of one tenant's subscriptions (`ids`) as of `asOf`, in ONE transaction
 * with a few statements for the whole batch (README "The billing clock"): the rows locked in id
 * order and their steps worked out again under the lock (a second run or replica that waited finds
 * nothing due), the tenant's number counter taken next (as every invoice writer), the usage and
 * the other pricing reads set-based, every change and invoice written with multi-row statements,
 * the audit rows and events last. All or nothing: a failure rolls the batch back (the caller then
 * bills it one by one). Returns the outcome per changed subscription.
 */
export function advanceSubscriptions(
  deps: ClockDeps,
  tenantId: string,
  ids: readonly string[],
  asOf: Date,
): Promise<SubscriptionOutcome[]> {
  return inTenant(deps.db, tenantId, async (tx) => {
    await tx.$queryRawUnsafe(`SELECT 1 FROM subscriptions WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, ids);
    const rows = await tx.subscription.findMany({ where: { id: { in: [...ids] } }, include: { plan: true } });
    const due = rows.flatMap((before) => {
      const step = subscriptionStepDue(before, asOf);
      return step ? [{ before, step }] : [];
    });
    if (due.length === 0) return [];
    await holdInvoiceNumbers(tx, tenantId);
    const scheduled = await scheduledPlans(tx, due);
    const planned: Planned[] = due.map(({ before, step }) => ({
      before,
      step,
      actor: stepActor(step, before),
      plan: planStep(step, before, before.scheduledPlanId ? (scheduled.get(before.scheduledPlanId) ?? null) : null),
    }));
    const log = batchLog();
    await saveChanges(tx, planned, log);
    const issued = await issueDue(tx, tenantId, planned, log);
    await log.flush(tx);
    return planned.map(({ before, step }) => ({ step, invoiceId: issued.get(before.id) ?? null }));
  });
}

async function scheduledPlans(tx: BillingTx, due: { before: BillableSubscription; step: SubscriptionStep }[]) {
  const ids = due.flatMap(({ before, step }) =>
    step === 'renew' && before.scheduledPlanId ? [before.scheduledPlanId] : [],
  );
  if (ids.length === 0) return new Map<string, Plan>();
  const plans = await tx.plan.findMany({ where: { id: { in: ids } } });
  return new Map(plans.map((plan) => [plan.id, plan]));
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * Every subscription's state after its step in one UPDATE (the columns a step may change), each
 * change audited and told as the single path does (one audit row and event per change).
 */
async function saveChanges(tx: BillingTx, planned: readonly Planned[], log: BatchLog) {
  const column = <T>(pick: (after: BillableSubscription) => T) => planned.map(({ plan }) => pick(plan.after));
  await tx.$executeRawUnsafe(
    `UPDATE subscriptions s
        SET status = v.status::subscription_status, plan_id = v.plan_id, scheduled_plan_id = v.scheduled_plan_id,
            current_period_start = v.period_start, current_period_end = v.period_end, cancelled_at = v.cancelled_at,
            cancel_at_period_end = v.cancel_at_period_end, usage_billed_through = v.usage_billed_through,
            first_invoice_due = v.first_invoice_due, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[]::timestamptz[], $6::text[]::timestamptz[],
                   $7::text[]::timestamptz[], $8::boolean[], $9::text[]::timestamptz[], $10::boolean[])
            AS v(id, status, plan_id, scheduled_plan_id, period_start, period_end, cancelled_at, cancel_at_period_end,
                 usage_billed_through, first_invoice_due)
      WHERE s.id = v.id`,
    column((after) => after.id),
    column((after) => after.status),
    column((after) => after.planId),
    column((after) => after.scheduledPlanId),
    column((after) => iso(after.currentPeriodStart)),
    column((after) => iso(after.currentPeriodEnd)),
    column((after) => iso(after.cancelledAt)),
    column((after) => after.cancelAtPeriodEnd),
    column((after) => iso(after.usageBilledThrough)),
    column((after) => after.firstInvoiceDue),
  );
  for (const { before, actor, plan } of planned) {
    let current = withoutPlan(before);
    for (const { data, action, event } of plan.changes) {
      const next = { ...current, ...data };
      log.audit(actor, {
        tenantId: before.tenantId,
        action,
        entityType: 'Subscription',
        entityId: before.id,
        changes: data,
      });
      log.event(actor, event, next, { changedFields: changedFieldNames(current, next) });
      current = next;
    }
  }
}

const withoutPlan = ({ plan: _plan, ...row }: BillableSubscription) => row;

/**
 * The invoices of the batch (README): periods already invoiced (a manual invoice got there first)
 * are skipped, as are final invoices with nothing to bill. Returns the invoice id per subscription.
 */
async function issueDue(tx: BillingTx, tenantId: string, planned: readonly Planned[], log: BatchLog) {
  const invoiced = await invoicedPeriods(tx, planned);
  const wanted = planned.filter(({ before, plan }) => !(plan.invoice.periodStart && invoiced.has(before.id)));
  const drafts = await draftInvoices(
    tx,
    wanted.map(({ plan: { after, invoice } }) => ({
      subscription: after,
      options: {
        reason: invoice.reason,
        periodStart: invoice.periodStart,
        periodEnd: invoice.periodStart ? after.currentPeriodEnd : null,
        usageTo: invoice.usageTo,
        asOf: invoice.usageTo,
      },
    })),
  );
  const requests: IssueRequest[] = wanted.flatMap(({ actor, plan: { after, invoice } }, k) => {
    const draft = drafts[k]!;
    if (!invoice.periodStart && draft.lines.length === 0) return [];
    const dueDate = dueDateAfter(invoice.usageTo, after.plan.daysUntilDue);
    const options = { reason: invoice.reason, dueDate, finalize: true, now: invoice.usageTo };
    return [{ subscription: after, actor, draft, options }];
  });
  const invoices = await issueInvoices(tx, tenantId, requests, log);
  return new Map(invoices.map((invoice, k) => [requests[k]!.subscription.id, invoice.id]));
}

/** The subscriptions of the batch whose new period has a (not void) invoice already. */
async function invoicedPeriods(tx: BillingTx, planned: readonly Planned[]): Promise<Set<string>> {
  const periods = planned.filter(({ plan }) => plan.invoice.periodStart);
  if (periods.length === 0) return new Set();
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT i.subscription_id::text AS id FROM invoices i
       JOIN unnest($1::uuid[], $2::text[]::timestamptz[], $3::text[]::timestamptz[]) AS v(id, period_start, period_end)
         ON i.subscription_id = v.id AND i.period_start = v.period_start AND i.period_end = v.period_end
      WHERE i.status <> 'VOID'`,
    periods.map(({ before }) => before.id),
    periods.map(({ plan }) => iso(plan.invoice.periodStart)),
    periods.map(({ plan }) => iso(plan.after.currentPeriodEnd)),
  );
  return new Set(rows.map((row) => row.id));
}
