export const analytics = {
  context: 'AnalyticsContext',
  mappers: {
    Event: '../db.ts#Event as EventModel',
    Dashboard: '../db.ts#Dashboard as DashboardModel',
    AuditLogEntry: '../db.ts#AuditLog as AuditLogModel',
    Customer: '../references.ts#EntityReference as EntityReferenceModel',
    User: '../references.ts#EntityReference as EntityReferenceModel',
  },
};
