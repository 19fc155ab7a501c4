import { emailSchema, jsonObjectSchema, nameSchema } from '@codex/kit';
import { z } from 'zod';
import { filterIdSchema, optionalTextSchema, phoneSchema, tagsSchema } from './validation.ts';

/** Customer input and filter rules, shared by the writes and the two ways of listing. */
const customerStatus = z.enum(['LEAD', 'PROSPECT', 'ACTIVE', 'INACTIVE', 'CHURNED']);
const addressSchema = jsonObjectSchema(8 * 1024);
const customFieldsSchema = jsonObjectSchema(16 * 1024);

export const createCustomerInput = z.object({
  email: emailSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  company: optionalTextSchema(200),
  phone: phoneSchema,
  address: addressSchema.nullish(),
  status: customerStatus.nullish(),
  source: optionalTextSchema(100),
  tags: tagsSchema.nullish(),
  customFields: customFieldsSchema.nullish(),
  tenantId: z.string().nullish(),
});

/** Omitted: unchanged; null clears the optional fields and is refused for the required ones. */
export const updateCustomerInput = z.object({
  email: emailSchema.optional(),
  firstName: nameSchema.optional(),
  lastName: nameSchema.optional(),
  company: optionalTextSchema(200),
  phone: phoneSchema,
  address: addressSchema.nullish(),
  status: customerStatus.optional(),
  source: optionalTextSchema(100),
  tags: tagsSchema.optional(),
  customFields: customFieldsSchema.optional(),
});

export const customerFilterSchema = z
  .object({
    status: customerStatus.nullish(),
    tag: z.string().trim().min(1).max(50).nullish(),
    source: z.string().trim().min(1).max(100).nullish(),
    company: z.string().trim().min(1).max(200).nullish(),
    createdById: filterIdSchema,
  })
  .nullish()
  .transform((filter) => filter ?? {});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;

/** Search text: what people type into a search box, at most 200 characters. */
export const searchSchema = z.string().trim().max(200, 'must be at most 200 characters').nullish();

/** `%`, `_` and `\\` taken literally in (I)LIKE patterns: Prisma's `contains` passes them through as wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The filter as a Prisma `where`. */
export function customerWhere(filter: CustomerFilter) {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.tag ? { tags: { has: filter.tag } } : {}),
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.company ? { company: { contains: escapeLike(filter.company), mode: 'insensitive' as const } } : {}),
    ...(filter.createdById ? { createdById: filter.createdById } : {}),
  };
}

export const customerSortFields = {
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
  EMAIL: 'email',
  FIRST_NAME: 'firstName',
  LAST_NAME: 'lastName',
} as const;
