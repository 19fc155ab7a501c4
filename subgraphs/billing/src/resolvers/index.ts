import { sharedResolvers } from '@codex/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { AppliedCoupon, Coupon, InvoiceDiscount } from './Coupon.ts';
import { CreditNote, CreditNoteLine } from './CreditNote.ts';
import { Customer } from './Customer.ts';
import { Invoice } from './Invoice.ts';
import { Mutation } from './Mutation.ts';
import { Plan } from './Plan.ts';
import { PlatformOverview } from './PlatformOverview.ts';
import { Query } from './Query.ts';
import { BillingSubscription } from './BillingSubscription.ts';
import { Tenant } from './Tenant.ts';
import { InvoiceLine } from './InvoiceLine.ts';
import { PlanCharge } from './PlanCharge.ts';
import { UpcomingInvoice, UpcomingInvoiceDiscount, UpcomingInvoiceLine } from './UpcomingInvoice.ts';
import { UsageEvent } from './UsageEvent.ts';

export const resolvers: Resolvers = {
  ...sharedResolvers,
  Query,
  Mutation,
  Plan,
  BillingSubscription,
  Invoice,
  Customer,
  Tenant,
  PlatformOverview,
  CreditNote,
  CreditNoteLine,
  Coupon,
  InvoiceLine,
  PlanCharge,
  UsageEvent,
  AppliedCoupon,
  InvoiceDiscount,
  UpcomingInvoice,
  UpcomingInvoiceLine,
  UpcomingInvoiceDiscount,
};
