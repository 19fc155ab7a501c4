import type pg from 'pg';
import { copyRows, type CopyValue } from './copy.ts';
import { daysBefore, idKind, iso, userCount, userId, type ScalePlan, type TenantPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { randomFor, seedId } from './random.ts';

export const cmsTables = ['content_revisions', 'content_items', 'content_types', 'media_files', 'pages'] as const;

/** Modest per tenant: CMS size does not grow with customers. */
export const cmsPerTenant = { contentTypes: 2, contentItems: 20, mediaFiles: 5, pages: 5 } as const;

const field = (name: string, type: string, required: boolean) => ({
  name,
  label: name,
  type,
  required,
  description: null,
  options: null,
  min: null,
  max: null,
  maxLength: null,
  referenceTypeId: null,
});
const contentTypes = [
  { slug: 'article', name: 'Article', fields: [field('body', 'TEXT', true), field('summary', 'TEXT', false)] },
  { slug: 'product', name: 'Product', fields: [field('description', 'TEXT', true), field('price', 'NUMBER', false)] },
] as const;
const statuses = ['PUBLISHED', 'PUBLISHED', 'DRAFT', 'ARCHIVED'] as const;

const typeId = (tenant: TenantPlan, row: number) => seedId(idKind.contentType, tenant.index, row);
const pageId = (tenant: TenantPlan, row: number) => seedId(idKind.page, tenant.index, row);

function* typeRows(plan: ScalePlan): Generator<CopyValue[]> {
  const created = iso(daysBefore(plan.anchor, 900));
  for (const tenant of plan.tenants) {
    for (const [row, type] of contentTypes.entries()) {
      yield [
        typeId(tenant, row),
        tenant.id,
        type.slug,
        type.name,
        JSON.stringify(type.fields),
        userId(tenant, 0),
        created,
        created,
      ];
    }
  }
}

function* itemRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    const random = randomFor('content_items', tenant.index);
    for (let row = 0; row < cmsPerTenant.contentItems; row += 1) {
      const kind = row % contentTypes.length;
      const status = random.pick(statuses);
      const created = daysBefore(plan.anchor, random.next() * 600);
      const data =
        kind === 0
          ? { body: `Body of post ${row + 1}`, summary: 'Scale seed' }
          : { description: `Product ${row + 1}`, price: random.int(500) };
      yield [
        seedId(idKind.contentItem, tenant.index, row),
        tenant.id,
        typeId(tenant, kind),
        `Item ${row + 1}`,
        `item-${row + 1}`,
        JSON.stringify(data),
        status,
        status === 'DRAFT' ? null : iso(created),
        userId(tenant, random.int(userCount(tenant))),
        1,
        iso(created),
        iso(created),
      ];
    }
  }
}

/** Metadata rows only: no bytes are written to CMS_MEDIA_DIR, so downloading one answers not found. */
function* mediaRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    const random = randomFor('media_files', tenant.index);
    for (let row = 0; row < cmsPerTenant.mediaFiles; row += 1) {
      const created = iso(daysBefore(plan.anchor, random.next() * 600));
      yield [
        seedId(idKind.media, tenant.index, row),
        tenant.id,
        `image-${row + 1}.png`,
        'image/png',
        1000 + random.int(500_000),
        `scale/${tenant.slug}/image-${row + 1}.png`,
        640,
        480,
        userId(tenant, 0),
        created,
        created,
      ];
    }
  }
}

/** A home page and its children. */
function* pageRows(plan: ScalePlan): Generator<CopyValue[]> {
  const created = iso(daysBefore(plan.anchor, 500));
  for (const tenant of plan.tenants) {
    for (let row = 0; row < cmsPerTenant.pages; row += 1) {
      const slug = row === 0 ? 'home' : `page-${row}`;
      yield [
        pageId(tenant, row),
        tenant.id,
        row === 0 ? null : pageId(tenant, 0),
        row === 0 ? 'Home' : `Page ${row}`,
        slug,
        row,
        'PUBLISHED',
        created,
        userId(tenant, 0),
        created,
        created,
      ];
    }
  }
}

export async function seedCms(client: pg.Client, plan: ScalePlan, progress: Progress): Promise<void> {
  const stamps = ['created_at', 'updated_at'];
  await copyRows(
    client,
    'content_types',
    ['id', 'tenant_id', 'slug', 'name', 'fields', 'created_by_id', ...stamps],
    typeRows(plan),
    progress,
  );
  await copyRows(
    client,
    'content_items',
    [
      'id',
      'tenant_id',
      'content_type_id',
      'title',
      'slug',
      'data',
      'status',
      'published_at',
      'author_id',
      'version',
      ...stamps,
    ],
    itemRows(plan),
    progress,
  );
  await copyRows(
    client,
    'media_files',
    ['id', 'tenant_id', 'name', 'mime_type', 'size', 'path', 'width', 'height', 'uploader_id', ...stamps],
    mediaRows(plan),
    progress,
  );
  await copyRows(
    client,
    'pages',
    ['id', 'tenant_id', 'parent_id', 'title', 'slug', 'sort_order', 'status', 'published_at', 'author_id', ...stamps],
    pageRows(plan),
    progress,
  );
}
