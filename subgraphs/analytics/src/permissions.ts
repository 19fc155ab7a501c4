import { and, connectionTypes, definePermissions, grant, isTenantMember, ownsParentTenant } from '@codex/kit';

/**
 * Analytics' part of the access matrix (SUPERADMIN R/W all; ADMIN "R own tenant"; CLIENT "R own,
 * W events (ingest)"); fields not listed are denied. Machine clients need `analytics:read` to read
 * and `analytics:ingest` to ingest (definePermissions adds them to every rule); no scope opens the
 * other writes to them. Root fields say who may ask; domain functions and the scoped
 * database decide which rows they see (a foreign id is "not found"). `ingestEvents` also refuses
 * ADMINs in its domain function (the kit has no "CLIENT only" rule). Dashboards are tenant
 * configuration: ADMINs and SUPERADMINs write them.
 */
const rowOfReader = and(isTenantMember, ownsParentTenant);

export const permissions = definePermissions(
  {
    read: 'analytics:read',
    write: null,
    overrides: {
      'Mutation.ingestEvents': 'analytics:ingest',
      'Mutation.backfillEvents': 'analytics:ingest',
      IngestResult: 'analytics:ingest',
      IngestedEvent: 'analytics:ingest',
    },
  },
  {
    Query: grant({
      isTenantMember: [
        'events',
        'event',
        'metricSeries',
        'dashboards',
        'dashboard',
        'trends',
        'activeUsers',
        'funnel',
        'retention',
        'eventPaths',
      ],
      isTenantAdmin: ['analyticsAuditLog', 'ingestionOrigins'],
      // The share token is the whole check (see dashboard-sharing.ts): anyone holding it may read.
      allow: ['sharedDashboard'],
    }),
    Mutation: grant({
      isTenantMember: ['ingestEvents', 'backfillEvents'],
      isTenantAdmin: [
        'createDashboard',
        'updateDashboard',
        'deleteDashboard',
        'createDashboardShareToken',
        'revokeDashboardShareToken',
        'setIngestionOrigins',
      ],
    }),
    ...grant({
      ownsParentTenant: ['Tenant'],
      allow: ['TenantAnalyticsSummary', 'EventNameCount', 'SharedDashboard', 'WidgetResult'],
      // Platform-wide figures: SUPERADMINs only (every field; the types below are reached only from it).
      isSuperadmin: ['PlatformOverview', 'TenantEventCount', 'DailyCount'],
      tenantAdminOfRow: ['AuditLogEntry'],
      isAuthenticated: [
        'IngestResult',
        'IngestedEvent',
        'MetricPoint',
        'Funnel',
        'FunnelStep',
        'FunnelBreakdownRow',
        'Retention',
        'RetentionCohort',
        'EventPath',
        'Trend',
        'TrendSeries',
        'ActiveUsersPoint',
      ],
      isTenantAdmin: ['DashboardShareToken'],
    }),
    Event: rowOfReader,
    Dashboard: rowOfReader,
    // References (see the kit's entity-references.ts): the id only when an Analytics row of the
    // caller's tenant named it; a customer's events are narrowed by the scoped database.
    Customer: grant({ ofCallersTenant: ['id'], isTenantMember: ['recentEvents'] }),
    User: grant({ ofCallersTenant: ['id'] }),
    ...connectionTypes('Event', 'Dashboard', 'AuditLog'),
  },
);
