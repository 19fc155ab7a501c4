export const crm = {
  context: 'CrmContext',
  mappers: {
    Customer: '../db.ts#Customer as CustomerModel',
    Lead: '../lead-records.ts#LeadRecord as LeadModel',
    Pipeline: '../db.ts#Pipeline as PipelineModel',
    PipelineStage: '../db.ts#PipelineStage as PipelineStageModel',
    Interaction: '../db.ts#Interaction as InteractionModel',
    AuditLogEntry: '../db.ts#AuditLog as AuditLogModel',
    User: '@codex/kit#EntityReference as EntityReferenceModel',
  },
};
