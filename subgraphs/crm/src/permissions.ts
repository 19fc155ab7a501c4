import { connectionTypes, definePermissions, grant } from '@codex/kit';

/**
 * CRM's part of the access matrix: SUPERADMIN R/W all; ADMIN R/W own tenant; CLIENT R/W own (the
 * domain functions refuse a CLIENT's change to a row it does not own). Pipelines are managed by
 * ADMINs. Machine clients need `crm:read` / `crm:write` (definePermissions adds them to every rule).
 * Fields not listed are denied. Types carry rules too, because `_entities` reaches them without any
 * root field.
 */
export const permissions = definePermissions(
  { read: 'crm:read', write: 'crm:write' },
  {
    Query: grant({
      isTenantMember: [
        'customers',
        'customer',
        'leads',
        'lead',
        'pipelines',
        'pipeline',
        'pipelineStage',
        'interactions',
        'interaction',
      ],
      isTenantAdmin: ['crmAuditLog'],
    }),
    Mutation: grant({
      isTenantMember: [
        'createCustomer',
        'updateCustomer',
        'deleteCustomer',
        'createLead',
        'updateLead',
        'moveLeadToStage',
        'winLead',
        'loseLead',
        'reopenLead',
        'deleteLead',
        'logInteraction',
        'scheduleInteraction',
        'updateInteraction',
        'completeInteraction',
        'deleteInteraction',
      ],
      // Pipelines are managed by ADMINs.
      isTenantAdmin: [
        'createPipeline',
        'updatePipeline',
        'setDefaultPipeline',
        'deletePipeline',
        'addPipelineStage',
        'updatePipelineStage',
        'reorderPipelineStages',
        'removePipelineStage',
      ],
    }),
    ...grant({
      ownsParentTenant: ['Tenant'],
      allow: ['TenantCrmSummary', 'LeadStageSummary', 'Money', 'DailyCount'],
      isSuperadmin: ['PlatformOverview'],
      ofCallersTenant: ['Customer', 'Lead', 'Pipeline', 'PipelineStage', 'Interaction'],
      tenantAdminOfRow: ['AuditLogEntry'],
    }),
    // A user reached as a reference has no tenant here: its id shows to SUPERADMINs only (see the kit's entity-references.ts).
    User: grant({ ofCallersTenant: ['id'], isTenantMember: ['assignedLeads'] }),
    ...connectionTypes('Customer', 'Lead', 'Pipeline', 'Interaction', 'AuditLog'),
  },
);
