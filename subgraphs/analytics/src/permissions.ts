import {
  allow,
  and,
  connectionTypes,
  definePermissions,
  isAuthenticated,
  isSuperadmin,
  isTenantAdmin,
  isTenantMember,
  ofCallersTenant,
  ownsParentTenant,
  tenantAdminOfRow,
} from '@codex/kit';

/**
 * Analytics' part of the access matrix (SUPERADMIN R/W all; ADMIN "R own tenant"; CLIENT "R own,
 * W events (ingest)"); fields not listed are denied. Machine clients need `analytics:read` to read
 * and `analytics:ingest` to ingest (definePermissions adds them to every rule); no scope opens the
 * other writes to them. Root fields say who may ask; domain functions and the scoped
 * database decide which rows they see (a foreign id is "not found"). `ingestEvents` also refuses
 * ADMINs in its domain function (the kit has no "CLIENT only" rule). Dashboards are tenant
 * configuration: ADMINs and SUPERADMINs write them.
 */
const readsAnalytics = isTenantMember;
const rowOfReader = and(readsAnalytics, ownsParentTenant);

export const permissions = definePermissions(
  {
    read: 'analytics:read',
    write: null,
    overrides: {
      'Mutation.ingestEvents': 'analytics:ingest',
      IngestResult: 'analytics:ingest',
      IngestedEvent: 'analytics:ingest',
    },
  },
  {
    Query: {
      events: readsAnalytics,
      event: readsAnalytics,
      metricSeries: readsAnalytics,
      dashboards: readsAnalytics,
      dashboard: readsAnalytics,
      analyticsAuditLog: isTenantAdmin,
    },
    Mutation: {
      ingestEvents: isTenantMember,
      createDashboard: isTenantAdmin,
      updateDashboard: isTenantAdmin,
      deleteDashboard: isTenantAdmin,
    },
    Tenant: ownsParentTenant,
    TenantAnalyticsSummary: allow,
    EventNameCount: allow,
    // Platform-wide figures: SUPERADMINs only (every field; the types below are reached only from it).
    PlatformOverview: isSuperadmin,
    TenantEventCount: isSuperadmin,
    DailyCount: isSuperadmin,
    Event: rowOfReader,
    Dashboard: rowOfReader,
    AuditLogEntry: tenantAdminOfRow,
    // References (see the kit's entity-references.ts): the id only when an Analytics row of the
    // caller's tenant named it; a customer's events are narrowed by the scoped database.
    Customer: { id: ofCallersTenant, recentEvents: readsAnalytics },
    User: { id: ofCallersTenant },
    IngestResult: isAuthenticated,
    IngestedEvent: isAuthenticated,
    MetricPoint: isAuthenticated,
    ...connectionTypes('Event', 'Dashboard', 'AuditLog'),
  },
);
