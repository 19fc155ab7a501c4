import type { MutationResolvers } from '../generated/graphql.ts';
import { createInvoiceForPeriod } from '../invoice-creation.ts';
import { finalizeInvoice, markInvoicePaid, markInvoiceUncollectible, voidInvoice } from '../invoice-transitions.ts';
import { archivePlan, createPlan, updatePlan } from '../plans.ts';
import { cancelSubscription, changeSubscriptionPlan, resumeSubscription, subscribeCustomer } from '../subscriptions.ts';
import { recordUsage } from '../usage.ts';

export const Mutation: MutationResolvers = {
  createPlan: (_root, args, context) => createPlan(context, args.input),
  updatePlan: (_root, args, context) => updatePlan(context, args.id, args.input),
  archivePlan: (_root, args, context) => archivePlan(context, args.id),
  subscribeCustomer: (_root, args, context) => subscribeCustomer(context, args.input),
  changeSubscriptionPlan: (_root, args, context) => changeSubscriptionPlan(context, args.id, args.planId),
  cancelSubscription: (_root, args, context) => cancelSubscription(context, args.id, args.atPeriodEnd, args.reason),
  resumeSubscription: (_root, args, context) => resumeSubscription(context, args.id),
  createInvoiceForPeriod: (_root, args, context) => createInvoiceForPeriod(context, args.input),
  finalizeInvoice: (_root, args, context) => finalizeInvoice(context, args.id),
  markInvoicePaid: (_root, args, context) => markInvoicePaid(context, args.id, args.paidAt),
  voidInvoice: (_root, args, context) => voidInvoice(context, args.id),
  markInvoiceUncollectible: (_root, args, context) => markInvoiceUncollectible(context, args.id),
  recordUsage: (_root, args, context) => recordUsage(context, args.input),
};
