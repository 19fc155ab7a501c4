import {
  auditRow,
  recordRowEvent,
  findExisting,
  idSchema,
  inputSchema,
  isUuid,
  jsonObjectSchema,
  onUniqueViolation,
  parseInput,
  parsedWhere,
  recordAudit,
  tenantList,
  withScope,
} from '@codex/kit';
import { z } from 'zod';
import { validateItemData } from './content-data.ts';
import { storedFields } from './content-fields.ts';
import {
  changeContentItem,
  itemSlugTaken,
  lockedItem,
  requireEditable,
  validateContentOf,
} from './content-item-changes.ts';
import type { ContentItem, Prisma } from './db.ts';
import { columnText } from './limits.ts';
import type { ContentItemFilter, CreateContentItemInput, UpdateContentItemInput } from './generated/graphql.ts';
import { cmsLimits, contentStatusSchema, searchSchema } from './limits.ts';
import { existingId, requireIdentity, type CmsRequest } from './request.ts';

const titleSchema = columnText.itemTitle;
const slugSchema = columnText.itemSlug;
const dataSchema = jsonObjectSchema(cmsLimits.json.itemData);
const seoSchema = jsonObjectSchema(cmsLimits.json.itemSeo);

const createInput = inputSchema<CreateContentItemInput>()(
  z.object({
    contentTypeId: idSchema,
    title: titleSchema,
    slug: slugSchema.nullish(),
    data: dataSchema,
    seo: seoSchema.nullish(),
  }),
);
const updateInput = inputSchema<UpdateContentItemInput>()(
  z.object({
    title: titleSchema.nullish(),
    slug: slugSchema.nullish(),
    data: dataSchema.nullish(),
    seo: seoSchema.nullish(),
  }),
).refine((input) => Object.values(input).some((value) => value != null), 'give at least one of title, slug, data, seo');
const filterSchema = inputSchema<ContentItemFilter>()(
  z.object({
    contentTypeId: idSchema.nullish(),
    status: contentStatusSchema.nullish(),
    authorId: idSchema.nullish(),
    search: searchSchema,
  }),
);

/** Lower-case words of the title joined by hyphens (accents dropped), as a URL would have it. */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

export const listContentItems = tenantList((db: CmsRequest['db']) => db.contentItem, {
  where: parsedWhere(
    filterSchema,
    (filter): Prisma.ContentItemWhereInput => ({
      ...(filter.contentTypeId ? { contentTypeId: filter.contentTypeId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.authorId ? { authorId: filter.authorId } : {}),
      ...(filter.search ? { title: { contains: filter.search, mode: 'insensitive' as const } } : {}),
    }),
  ),
  order: { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt', TITLE: 'title' },
});

export const findContentItemBySlug = (request: CmsRequest, contentTypeId: string, slug: string) =>
  isUuid(contentTypeId) ? request.db.contentItem.findFirst({ where: { contentTypeId, slug } }) : null;

/** A DRAFT at version 1, authored by the caller, in the content type's tenant; data validated against the type. */
export async function createContentItem(request: CmsRequest, input: CreateContentItemInput): Promise<ContentItem> {
  const identity = requireIdentity(request.identity);
  const parsed = parseInput(createInput, input, 'input');
  const slug = parseInput(slugSchema, parsed.slug ?? slugFromTitle(parsed.title), 'input.slug');
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      const type = await findExisting(tx.contentType, parsed.contentTypeId, 'Content type');
      const data = await validateItemData(tx, type.tenantId, storedFields(type.fields), parsed.data, 'input.data');
      const item = await tx.contentItem.create({
        data: {
          tenantId: type.tenantId,
          contentTypeId: type.id,
          title: parsed.title,
          slug,
          data: data as Prisma.InputJsonValue,
          seo: (parsed.seo ?? undefined) as Prisma.InputJsonValue | undefined,
          authorId: identity.subjectId,
        },
      });
      await recordAudit(tx, request, {
        tenantId: type.tenantId,
        action: 'content_item.create',
        entityType: 'ContentItem',
        entityId: item.id,
        changes: { contentType: type.slug, title: item.title, slug, version: 1 },
      });
      await recordRowEvent(tx, request, 'content.created', item);
      return item;
    }),
    () => itemSlugTaken(),
  );
}

/** Changes the content; the previous state becomes a revision and the version goes up by one. */
export function updateContentItem(
  request: CmsRequest,
  id: string,
  input: UpdateContentItemInput,
): Promise<ContentItem> {
  const parsed = parseInput(updateInput, input, 'input');
  return changeContentItem(request, id, 'content_item.update', async (tx, item) => {
    requireEditable(item);
    const data = parsed.data ? await validateContentOf(tx, item, parsed.data, 'input.data') : undefined;
    const changes = {
      ...(parsed.title ? { title: parsed.title } : {}),
      ...(parsed.slug ? { slug: parsed.slug } : {}),
      ...(data ? { data: data as Prisma.InputJsonValue } : {}),
      ...(parsed.seo ? { seo: parsed.seo as Prisma.InputJsonValue } : {}),
    };
    return {
      data: changes,
      audit: {
        changed: Object.keys(changes),
        ...(parsed.title ? { title: parsed.title } : {}),
        ...(parsed.slug ? { slug: parsed.slug } : {}),
      },
      content: true,
    };
  });
}

/** Deletes the item with its revisions. CLIENT: own items only. */
export async function deleteContentItem(request: CmsRequest, id: string): Promise<string> {
  const identity = requireIdentity(request.identity);
  const itemId = existingId(id, 'Content item');
  return withScope(request.db, request.dataScope, async (tx) => {
    const item = await lockedItem(tx, identity, itemId);
    await tx.contentItem.delete({ where: { id: itemId } });
    await auditRow(tx, request, 'content_item.delete', 'ContentItem', item, {
      title: item.title,
      slug: item.slug,
      status: item.status,
      version: item.version,
    });
    await recordRowEvent(tx, request, 'content.deleted', item);
    return itemId;
  });
}
