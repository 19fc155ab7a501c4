import { withId, withIdAndInput, withInput } from '@codex/kit';
import type { MutationResolvers } from '../generated/graphql.ts';
import { createInvoiceForPeriod } from '../invoice-creation.ts';
import { finalizeInvoice, markInvoicePaid, markInvoiceUncollectible, voidInvoice } from '../invoice-transitions.ts';
import { archiveCoupon, createCoupon, updateCoupon } from '../coupons.ts';
import { applyCoupon, removeCoupon } from '../coupons-redemption.ts';
import { createCreditNote } from '../credit-notes.ts';
import { cancelScheduledPlanChange, changeSubscriptionPlan } from '../plan-changes.ts';
import { archiveBillableMetric, createBillableMetric, updateBillableMetric } from '../metrics.ts';
import { archivePlan, createPlan, updatePlan } from '../plans.ts';
import { recordUsage, recordUsageEvents } from '../usage.ts';
import { cancelSubscription, resumeSubscription, subscribeCustomer } from '../subscriptions.ts';

export const Mutation: MutationResolvers = {
  createPlan: withInput(createPlan),
  updatePlan: withIdAndInput(updatePlan),
  archivePlan: withId(archivePlan),
  subscribeCustomer: withInput(subscribeCustomer),
  changeSubscriptionPlan: (_root, args, context) => changeSubscriptionPlan(context, args.id, args.planId, args.options),
  cancelSubscription: (_root, args, context) => cancelSubscription(context, args.id, args.atPeriodEnd, args.reason),
  resumeSubscription: withId(resumeSubscription),
  createInvoiceForPeriod: withInput(createInvoiceForPeriod),
  finalizeInvoice: withId(finalizeInvoice),
  markInvoicePaid: (_root, args, context) => markInvoicePaid(context, args.id, args.paidAt),
  voidInvoice: withId(voidInvoice),
  markInvoiceUncollectible: withId(markInvoiceUncollectible),
  // bill-docs: plan changes, credit notes, coupons.
  cancelScheduledPlanChange: withId(cancelScheduledPlanChange),
  createCreditNote: withInput(createCreditNote),
  createCoupon: withInput(createCoupon),
  updateCoupon: withIdAndInput(updateCoupon),
  archiveCoupon: withId(archiveCoupon),
  applyCoupon: (_root, args, context) => applyCoupon(context, args.subscriptionId, args.code),
  removeCoupon: withId(removeCoupon),
  recordUsage: withInput(recordUsage),
  recordUsageEvents: (_root, args, context) => recordUsageEvents(context, args.events),
  createBillableMetric: withInput(createBillableMetric),
  updateBillableMetric: withIdAndInput(updateBillableMetric),
  archiveBillableMetric: withId(archiveBillableMetric),
};
