import { isUuid } from '@codex/kit';
import { listAuditLog } from '@codex/kit';
import type { QueryResolvers } from '../generated/graphql.ts';
import { listCoupons } from '../coupons.ts';
import { listCreditNotes } from '../credit-notes.ts';
import { listInvoices } from '../invoices.ts';
import { listPlans } from '../plans.ts';
import { listSubscriptions } from '../subscriptions.ts';
import { listBillableMetrics } from '../metrics.ts';
import { upcomingInvoice } from '../upcoming-invoice.ts';
import { listUsageEvents } from '../usage.ts';

/** By id: missing, foreign and non-UUID ids are all null (the loaders' database is scoped). */
export const Query: QueryResolvers = {
  plans: (_root, args, context) => listPlans(context, args),
  plan: (_root, args, context) => (isUuid(args.id) ? context.loaders.planById.load(args.id) : null),
  subscriptions: (_root, args, context) => listSubscriptions(context, args),
  subscription: (_root, args, context) => (isUuid(args.id) ? context.loaders.subscriptionById.load(args.id) : null),
  invoices: (_root, args, context) => listInvoices(context, args),
  invoice: (_root, args, context) => (isUuid(args.id) ? context.loaders.invoiceById.load(args.id) : null),
  usageEvents: (_root, args, context) => listUsageEvents(context, args),
  billableMetrics: (_root, args, context) => listBillableMetrics(context, args),
  billableMetric: (_root, args, context) => (isUuid(args.id) ? context.loaders.billableMetricById.load(args.id) : null),
  upcomingInvoice: (_root, args, context) => upcomingInvoice(context, args.subscriptionId),
  billingAuditLog: (_root, args, context) => listAuditLog(context, args),
  // bill-docs: credit notes, coupons.
  creditNotes: (_root, args, context) => listCreditNotes(context, args),
  creditNote: (_root, args, context) => (isUuid(args.id) ? context.loaders.creditNoteById.load(args.id) : null),
  coupons: (_root, args, context) => listCoupons(context, args),
  coupon: (_root, args, context) => (isUuid(args.id) ? context.loaders.couponById.load(args.id) : null),
};
