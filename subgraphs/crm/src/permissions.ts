import {
  allow,
  connectionTypes,
  definePermissions,
  isSuperadmin,
  isTenantAdmin,
  isTenantMember,
  ofCallersTenant,
  ownsParentTenant,
  tenantAdminOfRow,
} from '@codex/kit';

/**
 * CRM's part of the access matrix: SUPERADMIN R/W all; ADMIN R/W own tenant; CLIENT R/W own (the
 * domain functions refuse a CLIENT's change to a row it does not own). Pipelines are managed by
 * ADMINs. Machine clients need `crm:read` / `crm:write` (definePermissions adds them to every rule).
 * Fields not listed are denied. Types carry rules too, because `_entities` reaches them without any
 * root field.
 */
const reader = isTenantMember;
const writer = isTenantMember;
const pipelineManager = isTenantAdmin;

export const permissions = definePermissions(
  { read: 'crm:read', write: 'crm:write' },
  {
    Query: {
      customers: reader,
      customer: reader,
      leads: reader,
      lead: reader,
      pipelines: reader,
      pipeline: reader,
      pipelineStage: reader,
      interactions: reader,
      interaction: reader,
      crmAuditLog: isTenantAdmin,
    },
    Mutation: {
      createCustomer: writer,
      updateCustomer: writer,
      deleteCustomer: writer,
      createPipeline: pipelineManager,
      updatePipeline: pipelineManager,
      setDefaultPipeline: pipelineManager,
      deletePipeline: pipelineManager,
      addPipelineStage: pipelineManager,
      updatePipelineStage: pipelineManager,
      reorderPipelineStages: pipelineManager,
      removePipelineStage: pipelineManager,
      createLead: writer,
      updateLead: writer,
      moveLeadToStage: writer,
      winLead: writer,
      loseLead: writer,
      reopenLead: writer,
      deleteLead: writer,
      logInteraction: writer,
      scheduleInteraction: writer,
      updateInteraction: writer,
      completeInteraction: writer,
      deleteInteraction: writer,
    },
    Tenant: ownsParentTenant,
    TenantCrmSummary: allow,
    LeadStageSummary: allow,
    Money: allow,
    DailyCount: allow,
    PlatformOverview: isSuperadmin,
    Customer: ofCallersTenant,
    Lead: ofCallersTenant,
    Pipeline: ofCallersTenant,
    PipelineStage: ofCallersTenant,
    Interaction: ofCallersTenant,
    // A user reached as a reference has no tenant here: its id shows to SUPERADMINs only (see the kit's entity-references.ts).
    User: { id: ofCallersTenant, assignedLeads: reader },
    AuditLogEntry: tenantAdminOfRow,
    ...connectionTypes('Customer', 'Lead', 'Pipeline', 'Interaction', 'AuditLog'),
  },
);
