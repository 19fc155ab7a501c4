import {
  auditRow,
  badInput,
  findExisting,
  idSchema,
  inputSchema,
  isForeignKeyViolation,
  jsonObjectSchema,
  loadTenantPage,
  onUniqueViolation,
  parseInput,
  sortOrderOf,
  withScope,
  type PageArgs,
  type SortDirection,
  textSchema,
} from '@codex/kit';
import { z } from 'zod';
import type { ContentStatus, Page, Prisma } from './db.ts';
import type { CreatePageInput, PageSeoInput, UpdatePageInput } from './generated/graphql.ts';
import { cmsLimits, columnText, contentStatusSchema } from './limits.ts';
import { existingParent, lockPageTree, nextSortOrder, sortOrderSchema } from './page-tree.ts';
import { actingUserId, conflict, existingId, requireIdentity, targetTenantId, type CmsRequest } from './request.ts';
import { slugLookupTenant } from './sorting.ts';

const { text, json } = cmsLimits;
const block = jsonObjectSchema(json.block).superRefine((value, context) => {
  if (typeof value.type !== 'string' || value.type.trim() === '')
    context.addIssue({ code: 'custom', path: ['type'], message: 'every block needs a string type' });
});
const blocksSchema = z
  .array(block)
  .max(cmsLimits.blocksPerPage, `at most ${cmsLimits.blocksPerPage} blocks`)
  .refine((blocks) => JSON.stringify(blocks).length <= json.blocks, `must be at most ${json.blocks} bytes of JSON`);
const seoSchema = inputSchema<PageSeoInput>()(
  z.object({
    title: columnText.seoTitle.nullish(),
    description: columnText.seoDescription.nullish(),
    keywords: z
      .array(columnText.seoKeyword)
      .max(cmsLimits.seoKeywords, `at most ${cmsLimits.seoKeywords} keywords`)
      .nullish(),
    ogImageUrl: columnText.ogImageUrl.nullish(),
    canonicalUrl: columnText.canonicalUrl.nullish(),
    noIndex: z.boolean().nullish(),
  }),
);
const { pageTitle: titleSchema, pageSlug: slugSchema, pageTemplate: templateSchema } = columnText;

const createInput = inputSchema<CreatePageInput>()(
  z.object({
    title: titleSchema,
    slug: slugSchema,
    parentId: idSchema.nullish(),
    template: templateSchema.nullish(),
    blocks: blocksSchema.nullish(),
    seo: seoSchema.nullish(),
    sortOrder: sortOrderSchema.nullish(),
    status: contentStatusSchema.nullish(),
    tenantId: textSchema(text.tenantId).nullish(),
  }),
);
const updateInput = inputSchema<UpdatePageInput>()(
  z.object({
    title: titleSchema.nullish(),
    slug: slugSchema.nullish(),
    template: templateSchema.nullish(),
    blocks: blocksSchema.nullish(),
    seo: seoSchema.nullish(),
    status: contentStatusSchema.nullish(),
  }),
).refine(
  (input) => Object.values(input).some((value) => value != null),
  'give at least one of title, slug, template, blocks, seo, status',
);

const orderColumns = {
  SORT_ORDER: 'sortOrder',
  TITLE: 'title',
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
} as const;
export interface PageListArgs extends PageArgs {
  tenantId?: string | null;
  parentId?: string | null;
  rootOnly?: boolean | null;
  status?: ContentStatus | null;
  orderBy?: { field: keyof typeof orderColumns; direction: SortDirection } | null;
}

const slugTaken = () => conflict('A page with this slug already exists', 'input.slug');

/** The stored page-builder document keeps its blocks under `blocks`. */
export function pageBlocks(page: Page): Record<string, unknown>[] {
  const blocks = (page.builder as { blocks?: unknown } | null)?.blocks;
  return Array.isArray(blocks)
    ? blocks.filter(
        (value): value is Record<string, unknown> =>
          typeof value === 'object' && value !== null && !Array.isArray(value),
      )
    : [];
}

export const pageSeo = (page: Page) => ({
  title: page.seoTitle,
  description: page.seoDescription,
  keywords: page.seoKeywords,
  ogImageUrl: page.ogImageUrl,
  canonicalUrl: page.canonicalUrl,
  noIndex: page.noIndex,
});

/** SEO input as columns: only the fields given. */
function seoColumns(seo: z.infer<typeof seoSchema> | null | undefined) {
  if (!seo) return {};
  return {
    ...(seo.title !== undefined ? { seoTitle: seo.title } : {}),
    ...(seo.description !== undefined ? { seoDescription: seo.description } : {}),
    ...(seo.keywords != null ? { seoKeywords: seo.keywords } : {}),
    ...(seo.ogImageUrl !== undefined ? { ogImageUrl: seo.ogImageUrl } : {}),
    ...(seo.canonicalUrl !== undefined ? { canonicalUrl: seo.canonicalUrl } : {}),
    ...(seo.noIndex != null ? { noIndex: seo.noIndex } : {}),
  };
}

/** Publication time for a status: set when it becomes PUBLISHED, cleared for DRAFT, kept when ARCHIVED. */
function publication(status: ContentStatus, current: Pick<Page, 'status' | 'publishedAt'> | null) {
  if (status === 'PUBLISHED') return current?.status === 'PUBLISHED' ? current.publishedAt : new Date();
  return status === 'DRAFT' ? null : (current?.publishedAt ?? null);
}

export function listPages(request: CmsRequest, args: PageListArgs) {
  const parentId = args.parentId ? parseInput(idSchema, args.parentId, 'parentId') : null;
  if (parentId && args.rootOnly) throw badInput('Give either parentId or rootOnly', 'rootOnly');
  const where: Prisma.PageWhereInput = {
    ...(parentId ? { parentId } : {}),
    ...(args.rootOnly ? { parentId: null } : {}),
    ...(args.status ? { status: args.status } : {}),
  };
  return loadTenantPage(
    request,
    args,
    request.db.page,
    where,
    sortOrderOf(args.orderBy, orderColumns, { field: 'sortOrder', direction: 'ASC' }),
  );
}

export function findPageBySlug(request: CmsRequest, slug: string, tenantId: string | null | undefined) {
  const tenant = slugLookupTenant(requireIdentity(request.identity), tenantId);
  return request.db.page.findFirst({ where: { slug, ...tenant } });
}

export async function createPage(request: CmsRequest, input: CreatePageInput): Promise<Page> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  const status = data.status ?? 'DRAFT';
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      await lockPageTree(tx, tenantId);
      const parentId = data.parentId ? (await existingParent(tx, tenantId, data.parentId)).id : null;
      const page = await tx.page.create({
        data: {
          tenantId,
          parentId,
          title: data.title,
          slug: data.slug,
          template: data.template ?? 'default',
          builder: { blocks: data.blocks ?? [] } as Prisma.InputJsonValue,
          ...seoColumns(data.seo),
          sortOrder: data.sortOrder ?? (await nextSortOrder(tx, tenantId, parentId)),
          status,
          publishedAt: publication(status, null),
          authorId: actingUserId(identity),
        },
      });
      await auditRow(tx, request, 'page.create', 'Page', page, {
        title: page.title,
        slug: page.slug,
        parentId,
        status,
      });
      return page;
    }),
    () => slugTaken(),
  );
}

/** Content, SEO, template and status; the place in the tree changes with `movePage`. */
export async function updatePage(request: CmsRequest, id: string, input: UpdatePageInput): Promise<Page> {
  const pageId = existingId(id, 'Page');
  const parsed = parseInput(updateInput, input, 'input');
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      const page = await findExisting(tx.page, pageId, 'Page');
      const changes = {
        ...(parsed.title ? { title: parsed.title } : {}),
        ...(parsed.slug ? { slug: parsed.slug } : {}),
        ...(parsed.template ? { template: parsed.template } : {}),
        ...(parsed.blocks
          ? { builder: { ...(page.builder as object), blocks: parsed.blocks } as Prisma.InputJsonValue }
          : {}),
        ...seoColumns(parsed.seo),
        ...(parsed.status ? { status: parsed.status, publishedAt: publication(parsed.status, page) } : {}),
      };
      const updated = await tx.page.update({ where: { id: pageId }, data: changes });
      await auditRow(tx, request, 'page.update', 'Page', page, {
        changed: Object.keys(changes),
        ...(parsed.status ? { from: page.status, to: parsed.status } : {}),
      });
      return updated;
    }),
    () => slugTaken(),
  );
}

/** Refused (CONFLICT) while the page has children: move or delete them first. */
export async function deletePage(request: CmsRequest, id: string): Promise<string> {
  const pageId = existingId(id, 'Page');
  try {
    return await withScope(request.db, request.dataScope, async (tx) => {
      const page = await findExisting(tx.page, pageId, 'Page');
      await lockPageTree(tx, page.tenantId);
      const children = await tx.page.count({ where: { parentId: pageId } });
      if (children > 0) throw conflict(`Page "${page.slug}" still has ${children} child page(s)`, 'id');
      await tx.page.delete({ where: { id: pageId } });
      await auditRow(tx, request, 'page.delete', 'Page', page, {
        title: page.title,
        slug: page.slug,
        parentId: page.parentId,
      });
      return pageId;
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw conflict('Page still has child pages', 'id');
    throw error;
  }
}
