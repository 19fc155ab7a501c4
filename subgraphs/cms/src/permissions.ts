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
 * CMS's part of the access matrix (SUPERADMIN R/W all; ADMIN R/W own tenant; CLIENT R/W own):
 * fields not listed are denied. Root fields say who may ask; the scoped database decides which
 * rows they see (a foreign id is "not found") and the domain functions refuse a CLIENT's change of
 * a row it did not create (FORBIDDEN). Content types and pages are the tenant's ADMINs' to shape.
 * Machine clients need `cms:read` / `cms:write` (definePermissions adds them to every rule). Types
 * carry rules too: `_entities` reaches them without any root field.
 */
const reader = isTenantMember;
const writer = isTenantMember;

export const permissions = definePermissions(
  { read: 'cms:read', write: 'cms:write' },
  {
    Query: {
      contentTypes: reader,
      contentType: reader,
      contentTypeBySlug: reader,
      contentItems: reader,
      contentItem: reader,
      contentItemBySlug: reader,
      contentItemRevisions: reader,
      mediaFiles: reader,
      mediaFile: reader,
      pages: reader,
      page: reader,
      pageBySlug: reader,
      cmsAuditLog: isTenantAdmin,
    },
    Mutation: {
      createContentType: isTenantAdmin,
      updateContentType: isTenantAdmin,
      deleteContentType: isTenantAdmin,
      createContentItem: writer,
      updateContentItem: writer,
      publishContentItem: writer,
      unpublishContentItem: writer,
      archiveContentItem: writer,
      restoreContentItem: writer,
      restoreContentItemRevision: writer,
      deleteContentItem: writer,
      uploadMedia: writer,
      updateMedia: writer,
      deleteMedia: writer,
      createPage: isTenantAdmin,
      updatePage: isTenantAdmin,
      movePage: isTenantAdmin,
      deletePage: isTenantAdmin,
    },
    Tenant: ownsParentTenant,
    TenantCmsSummary: allow,
    // Platform-wide figures: SUPERADMINs only, every field.
    PlatformOverview: isSuperadmin,
    DailyCount: allow,
    ContentType: ofCallersTenant,
    ContentItem: ofCallersTenant,
    ContentRevision: ofCallersTenant,
    MediaFile: ofCallersTenant,
    Page: ofCallersTenant,
    // References carry the tenant of the row they came from (see the kit's entity-references.ts).
    User: ofCallersTenant,
    AuditLogEntry: tenantAdminOfRow,
    // Parts of the types above, reachable only through them.
    ContentField: allow,
    PageSeo: allow,
    ...connectionTypes('ContentType', 'ContentItem', 'ContentRevision', 'MediaFile', 'Page', 'AuditLog'),
  },
);
