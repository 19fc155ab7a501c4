import { withId, withIdAndInput, withInput } from '@codex/kit';
import type { MutationResolvers } from '../generated/graphql.ts';
import { createInvoiceForPeriod } from '../invoice-creation.ts';
import { finalizeInvoice, markInvoicePaid, markInvoiceUncollectible, voidInvoice } from '../invoice-transitions.ts';
import { archiveBillableMetric, createBillableMetric, updateBillableMetric } from '../metrics.ts';
import { archivePlan, createPlan, updatePlan } from '../plans.ts';
import { recordUsage, recordUsageEvents } from '../usage.ts';
import { cancelSubscription, changeSubscriptionPlan, resumeSubscription, subscribeCustomer } from '../subscriptions.ts';

export const Mutation: MutationResolvers = {
  createPlan: withInput(createPlan),
  updatePlan: withIdAndInput(updatePlan),
  archivePlan: withId(archivePlan),
  subscribeCustomer: withInput(subscribeCustomer),
  changeSubscriptionPlan: (_root, args, context) => changeSubscriptionPlan(context, args.id, args.planId),
  cancelSubscription: (_root, args, context) => cancelSubscription(context, args.id, args.atPeriodEnd, args.reason),
  resumeSubscription: withId(resumeSubscription),
  createInvoiceForPeriod: withInput(createInvoiceForPeriod),
  finalizeInvoice: withId(finalizeInvoice),
  markInvoicePaid: (_root, args, context) => markInvoicePaid(context, args.id, args.paidAt),
  voidInvoice: withId(voidInvoice),
  markInvoiceUncollectible: withId(markInvoiceUncollectible),
  recordUsage: withInput(recordUsage),
  recordUsageEvents: (_root, args, context) => recordUsageEvents(context, args.events),
  createBillableMetric: withInput(createBillableMetric),
  updateBillableMetric: withIdAndInput(updateBillableMetric),
  archiveBillableMetric: withId(archiveBillableMetric),
};
