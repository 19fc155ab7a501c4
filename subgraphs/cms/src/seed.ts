import { allTenants, demoId, demoTenant, demoUsers } from '@codex/kit';
import { scopeCmsDatabase, type CmsDatabase } from './db.ts';

/**
 * Demo CMS data for the demo tenant: two content types, items in every status with their revision
 * history, media files and a small page tree. Idempotent and safe to run concurrently.
 */
const tenantId = demoTenant.id;
const id = (key: string) => demoId(`cms.${tenantId}.${key}`);
const statuses = ['PUBLISHED', 'PUBLISHED', 'DRAFT', 'ARCHIVED'] as const;

export async function seedCmsDemo(unscoped: CmsDatabase): Promise<void> {
  // Demo data spans several tenants: cross them explicitly (row-level security shows nothing otherwise).
  const db = scopeCmsDatabase(unscoped, allTenants);
  await db.contentType.createMany({
    data: [
      {
        id: id('type.blog-post'), tenantId, slug: 'blog-post', name: 'Blog post', createdById: demoUsers.admin.id,
        fieldSchema: { type: 'object', required: ['body'], properties: { body: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
      },
      {
        id: id('type.product'), tenantId, slug: 'product', name: 'Product', createdById: demoUsers.admin.id,
        fieldSchema: { type: 'object', required: ['price'], properties: { price: { type: 'number' }, sku: { type: 'string' } } },
      },
    ],
    skipDuplicates: true,
  });
  const items = itemRows();
  await db.contentItem.createMany({ data: items, skipDuplicates: true });
  await db.contentRevision.createMany({
    data: items.flatMap((item) =>
      Array.from({ length: item.version }, (_, v) => ({
        id: id(`revision.${item.slug}.${v + 1}`),
        tenantId,
        contentItemId: item.id,
        version: v + 1,
        title: v + 1 === item.version ? item.title : `${item.title} (draft ${v + 1})`,
        data: item.data,
        status: v + 1 === item.version ? item.status : ('DRAFT' as const),
        authorId: item.authorId,
        createdAt: new Date(item.createdAt.getTime() + v * 3_600_000),
      })),
    ),
    skipDuplicates: true,
  });
  await db.mediaFile.createMany({
    data: ['hero.jpg', 'team.png', 'logo.svg', 'brochure.pdf'].map((name, i) => ({
      id: id(`media.${name}`),
      tenantId,
      name,
      mimeType: ['image/jpeg', 'image/png', 'image/svg+xml', 'application/pdf'][i]!,
      size: BigInt(20_000 + i * 150_000),
      path: `demo/${name}`,
      url: `https://cdn.codex.local/demo/${name}`,
      altText: name.endsWith('.pdf') ? null : `Demo ${name.split('.')[0]}`,
      caption: i === 0 ? 'Our office' : null,
      uploaderId: demoUsers.admin.id,
    })),
    skipDuplicates: true,
  });
  // Parents first: the page tree has a self-reference.
  const [roots, children] = partition(pageRows(), (page) => page.parentId === null);
  await db.page.createMany({ data: roots, skipDuplicates: true });
  await db.page.createMany({ data: children, skipDuplicates: true });
}

function itemRows() {
  const posts = ['Welcome to Codex', 'Federation in practice', 'Roadmap 2025', 'Old announcement'];
  const products = ['Starter kit', 'Pro bundle', 'Enterprise suite', 'Legacy plan'];
  return [
    ...posts.map((title, i) => ({ title, i, typeKey: 'blog-post', data: { body: `${title} — demo body.`, tags: ['demo'] } })),
    ...products.map((title, i) => ({ title, i, typeKey: 'product', data: { price: 49 + i * 100, sku: `SKU-${i + 1}` } })),
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
  const page = (key: string, title: string, parentKey: string | null, sortOrder: number, status: 'PUBLISHED' | 'DRAFT') => ({
    id: id(`page.${key}`),
    tenantId,
    parentId: parentKey ? id(`page.${parentKey}`) : null,
    title,
    slug: key,
    template: parentKey ? 'content' : 'landing',
    builder: { blocks: [{ type: 'hero', heading: title }, { type: 'text', body: `${title} page.` }] },
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
    page('contact', 'Contact', null, 2, 'PUBLISHED'),
  ];
}

function partition<T>(rows: T[], test: (row: T) => boolean): [T[], T[]] {
  return [rows.filter(test), rows.filter((row) => !test(row))];
}
