import { inputSchema, jsonObjectSchema, nameSchema, textSchema } from '@codex/kit';
import { z } from 'zod';
import type {
  CreateCustomerInput,
  CustomerFilter as CustomerFilterInput,
  UpdateCustomerInput,
} from './generated/graphql.ts';
import { columnLimits } from './generated/column-limits.ts';
import {
  crmEmailSchema,
  crmLimits,
  filterIdSchema,
  lookupIdSchema,
  omittable,
  optionalTextSchema,
  phoneSchema,
  tagsSchema,
} from './validation.ts';

/** Customer input and filter rules, shared by the writes and the two ways of listing. */
const customerStatus = z.enum(['LEAD', 'PROSPECT', 'ACTIVE', 'INACTIVE', 'CHURNED']);
const addressSchema = jsonObjectSchema(crmLimits.addressBytes);
const customFieldsSchema = jsonObjectSchema(crmLimits.customFieldsBytes);
const { Customer } = columnLimits;
const firstNameSchema = nameSchema(Customer.firstName);
const lastNameSchema = nameSchema(Customer.lastName);

export const createCustomerInput = inputSchema<CreateCustomerInput>()(
  z.object({
    email: crmEmailSchema,
    firstName: firstNameSchema,
    lastName: lastNameSchema,
    company: optionalTextSchema(Customer.company),
    phone: phoneSchema,
    address: addressSchema.nullish(),
    status: customerStatus.nullish(),
    source: optionalTextSchema(Customer.source),
    tags: tagsSchema.nullish(),
    customFields: customFieldsSchema.nullish(),
    tenantId: lookupIdSchema.nullish(),
  }),
);

/** Omitted: unchanged; null clears the optional fields and is refused for the required ones. */
export const updateCustomerInput = inputSchema<UpdateCustomerInput>()(
  z.object({
    email: omittable(crmEmailSchema),
    firstName: omittable(firstNameSchema),
    lastName: omittable(lastNameSchema),
    company: optionalTextSchema(Customer.company),
    phone: phoneSchema,
    address: addressSchema.nullish(),
    status: omittable(customerStatus),
    source: optionalTextSchema(Customer.source),
    tags: omittable(tagsSchema),
    customFields: omittable(customFieldsSchema),
  }),
);

/** Filters match a column: longer text than it holds cannot match, so its length bounds them too. */
const filterTextSchema = (max: number) => textSchema(max, { min: 1 }).nullish();

export const customerFilterSchema = inputSchema<CustomerFilterInput>()(
  z.object({
    status: customerStatus.nullish(),
    tag: filterTextSchema(Customer.tags),
    source: filterTextSchema(Customer.source),
    company: filterTextSchema(Customer.company),
    createdById: filterIdSchema,
  }),
)
  .nullish()
  .transform((filter) => filter ?? {});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;

/** Search text: what people type into a search box. */
export const searchSchema = textSchema(crmLimits.search).nullish();

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
