export const analytics = {
  context: 'AnalyticsContext',
  mappers: {
    Event: '../db.ts#Event as EventModel',
    Dashboard: '../db.ts#Dashboard as DashboardModel',
    AuditLogEntry: '../db.ts#AuditLog as AuditLogModel',
    Customer: '@codex/kit#EntityReference as EntityReferenceModel',
    User: '@codex/kit#EntityReference as EntityReferenceModel',
    PlatformOverview: '@codex/kit#EntityReference as EntityReferenceModel',
    WidgetResult: '../insights/widget-results.ts#WidgetResultModel',
    SharedDashboard: '../dashboard-sharing.ts#SharedDashboardModel',
  },
};
