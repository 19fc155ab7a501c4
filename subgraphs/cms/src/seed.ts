import { allTenants, demoId, demoTenant, demoUsers } from '@codex/kit';
import { loadCmsSettings } from './settings.ts';
import { toDefinition, type ContentFieldDefinition, type FieldInput } from './content-fields.ts';
import { scopeCmsDatabase, type CmsDatabase } from './db.ts';
import { sha256Hex } from './media-content.ts';
import { localMediaStorage, type MediaStorage } from './media-storage.ts';

/**
 * Demo CMS data for the demo tenant: two content types, items in every status with their revision
 * history, media files (bytes included) and a small page tree. Idempotent and safe to run concurrently.
 */
const tenantId = demoTenant.id;
const id = (key: string) => demoId(`cms.${tenantId}.${key}`);
const statuses = ['PUBLISHED', 'PUBLISHED', 'DRAFT', 'ARCHIVED'] as const;

/** A field with the defaults a created content type's field gets, labelled like a heading. */
const field = (name: string, type: FieldInput['type'], extra: Partial<FieldInput> = {}): ContentFieldDefinition =>
  toDefinition({ name, label: name.charAt(0).toUpperCase() + name.slice(1), type, ...extra });

const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const demoMedia = [
  { name: 'hero.png', mimeType: 'image/png', bytes: onePixelPng, altText: 'Demo hero', caption: 'Our office' },
  { name: 'team.png', mimeType: 'image/png', bytes: onePixelPng, altText: 'Demo team', caption: null },
  {
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    bytes: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#4f46e5"/></svg>',
    ),
    altText: 'Demo logo',
    caption: null,
  },
  {
    name: 'brochure.pdf',
    mimeType: 'application/pdf',
    bytes: Buffer.from('%PDF-1.4\n% Demo brochure\n%%EOF\n'),
    altText: null,
    caption: null,
  },
];

/** `storage`: the service's; by default the local disk storage the settings name. */
export async function seedCmsDemo(
  unscoped: CmsDatabase,
  storage: MediaStorage = localMediaStorage(loadCmsSettings().mediaDir),
): Promise<void> {
  // Demo data spans several tenants: cross them explicitly (row-level security shows nothing otherwise).
  const db = scopeCmsDatabase(unscoped, allTenants);
  await db.contentType.createMany({
    data: [
      {
        id: id('type.blog-post'),
        tenantId,
        slug: 'blog-post',
        name: 'Blog post',
        description: 'Articles of the demo blog',
        createdById: demoUsers.admin.id,
        fields: [
          field('body', 'RICH_TEXT', { required: true }),
          field('tags', 'JSON'),
          field('heroImage', 'MEDIA', { label: 'Hero image' }),
        ] as never,
      },
      {
        id: id('type.product'),
        tenantId,
        slug: 'product',
        name: 'Product',
        description: 'Products of the demo shop',
        createdById: demoUsers.admin.id,
        fields: [
          field('price', 'NUMBER', { required: true, min: 0 }),
          field('sku', 'TEXT', { maxLength: 40 }),
        ] as never,
      },
    ],
    skipDuplicates: true,
  });
  // Bytes before rows: a media row never points at nothing.
  const media = demoMedia.map((file) => ({ ...file, id: id(`media.${file.name}`) }));
  await Promise.all(media.map((file) => storage.put(`${tenantId}/${file.id}`, file.bytes)));
  await db.mediaFile.createMany({
    data: media.map((file) => ({
      id: file.id,
      tenantId,
      name: file.name,
      mimeType: file.mimeType,
      size: BigInt(file.bytes.length),
      sha256: sha256Hex(file.bytes),
      path: `${tenantId}/${file.id}`,
      altText: file.altText,
      caption: file.caption,
      uploaderId: demoUsers.admin.id,
    })),
    skipDuplicates: true,
  });
  const items = itemRows();
  await db.contentItem.createMany({ data: items, skipDuplicates: true });
  // Revisions keep the states before each change: an item at version n has versions 1..n-1.
  await db.contentRevision.createMany({
    data: items.flatMap((item) =>
      Array.from({ length: item.version - 1 }, (_, v) => ({
        id: id(`revision.${item.slug}.${v + 1}`),
        tenantId,
        contentItemId: item.id,
        version: v + 1,
        title: `${item.title} (draft ${v + 1})`,
        slug: item.slug,
        data: item.data,
        status: 'DRAFT' as const,
        authorId: item.authorId,
        createdAt: new Date(item.createdAt.getTime() + (v + 1) * 3_600_000),
      })),
    ),
    skipDuplicates: true,
  });
  // Parents first: the page tree has a self-reference.
  for (const level of levels(pageRows())) await db.page.createMany({ data: level, skipDuplicates: true });
}

function itemRows() {
  const posts = ['Welcome to Codex', 'Federation in practice', 'Roadmap 2025', 'Old announcement'];
  const products = ['Starter kit', 'Pro bundle', 'Enterprise suite', 'Legacy plan'];
  return [
    ...posts.map((title, i) => ({
      title,
      i,
      typeKey: 'blog-post',
      data: {
        body: `<p>${title} — demo body.</p>`,
        tags: ['demo'],
        ...(i === 0 ? { heroImage: id('media.hero.png') } : {}),
      },
    })),
    ...products.map((title, i) => ({
      title,
      i,
      typeKey: 'product',
      data: { price: 49 + i * 100, sku: `SKU-${i + 1}` },
    })),
  ].map(({ title, i, typeKey, data }) => {
    const status = statuses[i % statuses.length]!;
    const slug = title.toLowerCase().replaceAll(' ', '-');
    return {
      id: id(`item.${typeKey}.${slug}`),
      tenantId,
      contentTypeId: id(`type.${typeKey}`),
      title,
      slug,
      data,
      status,
      publishedAt: status === 'DRAFT' ? null : new Date(Date.UTC(2025, 3, 1 + i)),
      authorId: i % 2 === 0 ? demoUsers.admin.id : demoUsers.client.id,
      version: 1 + (i % 3),
      seo: { title, description: `${title} on the demo site` },
      createdAt: new Date(Date.UTC(2025, 2, 1 + i)),
    };
  });
}

function pageRows() {
  const page = (
    key: string,
    title: string,
    parentKey: string | null,
    sortOrder: number,
    status: 'PUBLISHED' | 'DRAFT',
  ) => ({
    id: id(`page.${key}`),
    tenantId,
    parentId: parentKey ? id(`page.${parentKey}`) : null,
    title,
    slug: key,
    template: parentKey ? 'content' : 'landing',
    builder: {
      blocks: [
        { type: 'hero', heading: title },
        { type: 'text', body: `${title} page.` },
      ],
    },
    seoTitle: `${title} | Demo Company`,
    seoDescription: `${title} of the demo site`,
    sortOrder,
    status,
    publishedAt: status === 'PUBLISHED' ? new Date(Date.UTC(2025, 3, 1)) : null,
    authorId: demoUsers.admin.id,
  });
  return [
    page('home', 'Home', null, 0, 'PUBLISHED'),
    page('about', 'About', null, 1, 'PUBLISHED'),
    page('team', 'Team', 'about', 0, 'PUBLISHED'),
    page('careers', 'Careers', 'about', 1, 'DRAFT'),
    page('leadership', 'Leadership', 'team', 0, 'PUBLISHED'),
    page('contact', 'Contact', null, 2, 'PUBLISHED'),
  ];
}

/** Pages grouped by depth, top level first. */
function levels<T extends { id: string; parentId: string | null }>(rows: T[]): T[][] {
  const result: T[][] = [];
  let placed = new Set<string | null>([null]);
  let rest = rows;
  while (rest.length > 0) {
    const level = rest.filter((row) => placed.has(row.parentId));
    if (level.length === 0) throw new Error('demo pages have a parent that is not among them');
    result.push(level);
    placed = new Set([...placed, ...level.map((row) => row.id)]);
    rest = rest.filter((row) => !level.includes(row));
  }
  return result;
}
