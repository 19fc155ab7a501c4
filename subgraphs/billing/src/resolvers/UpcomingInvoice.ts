import type {
  UpcomingInvoiceDiscountResolvers,
  UpcomingInvoiceLineResolvers,
  UpcomingInvoiceResolvers,
} from '../generated/graphql.ts';

export const UpcomingInvoice: UpcomingInvoiceResolvers = {
  usageFrom: (draft) => draft.usageFrom,
  usageTo: (draft) => draft.usageTo,
};

export const UpcomingInvoiceLine: UpcomingInvoiceLineResolvers = {
  billableMetric: (line, _args, context) =>
    line.billableMetricId ? context.loaders.billableMetricById.load(line.billableMetricId) : null,
};

export const UpcomingInvoiceDiscount: UpcomingInvoiceDiscountResolvers = {
  coupon: (discount, _args, context) => context.loaders.couponById.load(discount.couponId),
};
