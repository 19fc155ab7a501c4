import { connectionTypes, definePermissions, grant } from '@codex/kit';

/**
 * CMS's part of the access matrix (SUPERADMIN R/W all; ADMIN R/W own tenant; CLIENT R/W own):
 * fields not listed are denied. Root fields say who may ask; the scoped database decides which
 * rows they see (a foreign id is "not found") and the domain functions refuse a CLIENT's change of
 * a row it did not create (FORBIDDEN). Content types and pages are the tenant's ADMINs' to shape.
 * Machine clients need `cms:read` / `cms:write` (definePermissions adds them to every rule). Types
 * carry rules too: `_entities` reaches them without any root field.
 */
export const permissions = definePermissions(
  { read: 'cms:read', write: 'cms:write' },
  {
    Query: grant({
      isTenantMember: [
        'contentTypes',
        'contentType',
        'contentTypeBySlug',
        'contentItems',
        'contentItem',
        'contentItemBySlug',
        'contentItemRevisions',
        'mediaFiles',
        'mediaFile',
        'pages',
        'page',
        'pageBySlug',
      ],
      isTenantAdmin: ['cmsAuditLog'],
    }),
    Mutation: grant({
      isTenantMember: [
        'createContentItem',
        'updateContentItem',
        'publishContentItem',
        'unpublishContentItem',
        'archiveContentItem',
        'restoreContentItem',
        'restoreContentItemRevision',
        'deleteContentItem',
        'uploadMedia',
        'updateMedia',
        'deleteMedia',
      ],
      isTenantAdmin: [
        'createContentType',
        'updateContentType',
        'deleteContentType',
        'createPage',
        'updatePage',
        'movePage',
        'deletePage',
      ],
    }),
    ...grant({
      ownsParentTenant: ['Tenant'],
      // Platform-wide figures: SUPERADMINs only, every field.
      isSuperadmin: ['PlatformOverview'],
      // References carry the tenant of the row they came from (see the kit's entity-references.ts).
      ofCallersTenant: ['ContentType', 'ContentItem', 'ContentRevision', 'MediaFile', 'Page', 'User'],
      tenantAdminOfRow: ['AuditLogEntry'],
      // Parts of the types above, reachable only through them; summaries of the caller's tenant.
      allow: ['TenantCmsSummary', 'DailyCount', 'ContentField', 'PageSeo'],
    }),
    ...connectionTypes('ContentType', 'ContentItem', 'ContentRevision', 'MediaFile', 'Page', 'AuditLog'),
  },
);
