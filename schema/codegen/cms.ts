export const cms = {
  context: 'CmsContext',
  mappers: {
    ContentType: '../db.ts#ContentType as ContentTypeModel',
    ContentField: '../content-fields.ts#ContentFieldDefinition as ContentFieldModel',
    ContentItem: '../db.ts#ContentItem as ContentItemModel',
    ContentRevision: '../db.ts#ContentRevision as ContentRevisionModel',
    MediaFile: '../db.ts#MediaFile as MediaFileModel',
    Page: '../db.ts#Page as PageModel',
    User: '@codex/kit#EntityReference as EntityReferenceModel',
    AuditLogEntry: '../db.ts#AuditLog as AuditLogModel',
    PlatformOverview: '../platform-overview.ts#PlatformOverviewReference as PlatformOverviewModel',
  },
};
