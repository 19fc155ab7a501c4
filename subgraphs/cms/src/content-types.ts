import {
  auditRow,
  badInput,
  findExisting,
  inputSchema,
  isForeignKeyViolation,
  loadTenantPage,
  parseInput,
  onUniqueViolation,
  sortOrderOf,
  withScope,
  type ListArgs,
  type SortDirection,
  textSchema,
} from '@codex/kit';
import { z } from 'zod';
import { contentFieldsSchema, type ContentFieldDefinition } from './content-fields.ts';
import type { ContentType } from './db.ts';
import type { CreateContentTypeInput, UpdateContentTypeInput } from './generated/graphql.ts';
import { cmsLimits, columnText } from './limits.ts';
import {
  actingUserId,
  conflict,
  existingId,
  requireIdentity,
  targetTenantId,
  type CmsRequest,
  type CmsTx,
} from './request.ts';
import { slugLookupTenant } from './sorting.ts';

const {
  contentTypeSlug: slugSchema,
  contentTypeName: nameSchema,
  contentTypeDescription: descriptionSchema,
} = columnText;
const createInput = inputSchema<CreateContentTypeInput>()(
  z.object({
    slug: slugSchema,
    name: nameSchema,
    description: descriptionSchema.nullish(),
    fields: contentFieldsSchema,
    tenantId: textSchema(cmsLimits.text.tenantId).nullish(),
  }),
);
const updateInput = inputSchema<UpdateContentTypeInput>()(
  z.object({
    slug: slugSchema.nullish(),
    name: nameSchema.nullish(),
    description: descriptionSchema.nullish(),
    fields: contentFieldsSchema.nullish(),
  }),
);

const orderColumns = { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt', NAME: 'name', SLUG: 'slug' } as const;
export type ContentTypeListArgs = ListArgs<never, { field: keyof typeof orderColumns; direction: SortDirection }>;

const slugTaken = (slug: string) => conflict(`A content type with slug "${slug}" already exists`, 'input.slug');

export const listContentTypes = (request: CmsRequest, args: ContentTypeListArgs) =>
  loadTenantPage(request, args, request.db.contentType, {}, sortOrderOf(args.orderBy, orderColumns));

export function findContentTypeBySlug(request: CmsRequest, slug: string, tenantId: string | null | undefined) {
  const tenant = slugLookupTenant(requireIdentity(request.identity), tenantId);
  return request.db.contentType.findFirst({ where: { slug, ...tenant } });
}

/** REFERENCE fields must name content types of the same tenant (`self`: the type being changed may reference itself). */
async function checkReferencedTypes(
  tx: CmsTx,
  tenantId: string,
  fields: ContentFieldDefinition[],
  self: string | null,
) {
  const named = [
    ...new Set(
      fields.flatMap((field) =>
        field.referenceTypeId && field.referenceTypeId !== self ? [field.referenceTypeId] : [],
      ),
    ),
  ];
  if (named.length === 0) return;
  const found = new Set(
    (await tx.contentType.findMany({ where: { tenantId, id: { in: named } }, select: { id: true } })).map(
      (row) => row.id,
    ),
  );
  const index = fields.findIndex(
    (field) => field.referenceTypeId && field.referenceTypeId !== self && !found.has(field.referenceTypeId),
  );
  if (index >= 0)
    throw badInput(
      `input.fields.${index}.referenceTypeId: no such content type`,
      `input.fields.${index}.referenceTypeId`,
    );
}

export async function createContentType(request: CmsRequest, input: CreateContentTypeInput): Promise<ContentType> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      await checkReferencedTypes(tx, tenantId, data.fields, null);
      const type = await tx.contentType.create({
        data: {
          tenantId,
          slug: data.slug,
          name: data.name,
          description: data.description ?? null,
          fields: data.fields as never,
          createdById: actingUserId(identity),
        },
      });
      await auditRow(tx, request, 'content_type.create', 'ContentType', type, {
        slug: type.slug,
        name: type.name,
        fields: data.fields.map((field) => field.name),
      });
      return type;
    }),
    () => slugTaken(data.slug),
  );
}

export async function updateContentType(
  request: CmsRequest,
  id: string,
  input: UpdateContentTypeInput,
): Promise<ContentType> {
  const typeId = existingId(id, 'Content type');
  const parsed = parseInput(updateInput, input, 'input');
  const changes = {
    ...(parsed.slug ? { slug: parsed.slug } : {}),
    ...(parsed.name ? { name: parsed.name } : {}),
    ...(parsed.description !== undefined ? { description: parsed.description } : {}),
    ...(parsed.fields ? { fields: parsed.fields } : {}),
  };
  return onUniqueViolation(
    withScope(request.db, request.dataScope, async (tx) => {
      const type = await findExisting(tx.contentType, typeId, 'Content type');
      if (changes.fields) await checkReferencedTypes(tx, type.tenantId, changes.fields, type.id);
      const updated = await tx.contentType.update({
        where: { id: typeId },
        data: { ...changes, fields: changes.fields as never },
      });
      await auditRow(tx, request, 'content_type.update', 'ContentType', type, {
        ...changes,
        fields: changes.fields?.map((field) => field.name),
      });
      return updated;
    }),
    () => slugTaken(changes.slug ?? ''),
  );
}

/** Refused (CONFLICT) while items of the type exist or another type's REFERENCE field names it. */
export async function deleteContentType(request: CmsRequest, id: string): Promise<string> {
  const typeId = existingId(id, 'Content type');
  try {
    return await withScope(request.db, request.dataScope, async (tx) => {
      const type = await findExisting(tx.contentType, typeId, 'Content type');
      const items = await tx.contentItem.count({ where: { contentTypeId: typeId } });
      if (items > 0) throw conflict(`Content type "${type.slug}" still has ${items} item(s)`, 'id');
      const referencing = await tx.contentType.findFirst({
        where: {
          tenantId: type.tenantId,
          id: { not: typeId },
          fields: { array_contains: [{ referenceTypeId: typeId }] },
        },
      });
      if (referencing)
        throw conflict(`Content type "${referencing.slug}" has a field referencing "${type.slug}"`, 'id');
      await tx.contentType.delete({ where: { id: typeId } });
      await auditRow(tx, request, 'content_type.delete', 'ContentType', type, { slug: type.slug, name: type.name });
      return typeId;
    });
  } catch (error) {
    // An item created concurrently, after the count: the foreign key still refuses.
    if (isForeignKeyViolation(error)) throw conflict('Content type still has items', 'id');
    throw error;
  }
}
