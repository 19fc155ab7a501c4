export const billing = {
  context: 'BillingContext',
  mappers: {
    Plan: '../db.ts#Plan as PlanModel',
    BillingSubscription: '../db.ts#Subscription as SubscriptionModel',
    Invoice: '../db.ts#Invoice as InvoiceModel',
    InvoiceLine: '../db.ts#InvoiceLineItem as InvoiceLineItemModel',
    UsageRecord: '../db.ts#UsageRecord as UsageRecordModel',
    Customer: '../customers.ts#CustomerReference as CustomerReferenceModel',
    AuditLogEntry: '../db.ts#AuditLog as AuditLogModel',
    PlatformOverview: '../platform-overview.ts#PlatformOverviewReference as PlatformOverviewModel',
  },
};
