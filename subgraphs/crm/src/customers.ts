import {
  auditRow,
  recordRowChange,
  recordRowEvent,
  badInput,
  existingId,
  findExisting,
  loadTenantPage,
  onUniqueViolation,
  parseInput,
  requireIdentity,
  requireOwnership,
  sortOrderOf,
  targetTenantId,
  withScope,
  type PageArgs,
  conflict,
} from '@codex/kit';
import { givenFields, type CrmRequest } from './request.ts';
import {
  createCustomerInput,
  customerFilterSchema,
  customerSortFields,
  customerWhere,
  searchSchema,
  updateCustomerInput,
} from './customer-rules.ts';
import { searchCustomers } from './customer-search.ts';
import { Prisma, type Customer } from './db.ts';
import type { CreateCustomerInput, CustomerFilter, CustomerOrder, UpdateCustomerInput } from './generated/graphql.ts';

const emailTaken = () => conflict('A customer with this email already exists in the tenant', 'input.email');

/** Unique violations on customers can only be the email (the one unique key besides the id). */
const mapEmailConflict = <T>(write: Promise<T>) => onUniqueViolation(write, emailTaken);

export interface CustomerListArgs extends PageArgs {
  search?: string | null;
  filter?: CustomerFilter | null;
  orderBy?: CustomerOrder | null;
  tenantId?: string | null;
}

/** A page of customers: by relevance with `search`, else in the order asked (default: oldest first). */
export function listCustomers(request: CrmRequest, args: CustomerListArgs) {
  const filter = parseInput(customerFilterSchema, args.filter, 'filter');
  const search = parseInput(searchSchema, args.search, 'search');
  if (!search)
    return loadTenantPage(
      request,
      args,
      request.db.customer,
      customerWhere(filter),
      sortOrderOf(args.orderBy, customerSortFields),
    );
  if (args.orderBy) throw badInput('Search results are ordered by relevance: leave out orderBy', 'orderBy');
  return searchCustomers(request, args, search, filter);
}

export async function createCustomer(request: CrmRequest, input: CreateCustomerInput): Promise<Customer> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createCustomerInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  const row = {
    email: data.email,
    firstName: data.firstName,
    lastName: data.lastName,
    company: data.company ?? null,
    phone: data.phone ?? null,
    address: data.address ? (data.address as Prisma.InputJsonObject) : Prisma.DbNull,
    status: data.status ?? 'ACTIVE',
    source: data.source ?? null,
    tags: data.tags ?? [],
    customFields: (data.customFields ?? {}) as Prisma.InputJsonObject,
    createdById: identity.subjectId,
  };
  return mapEmailConflict(
    withScope(request.db, request.dataScope, async (tx) => {
      const customer = await tx.customer.create({ data: { tenantId, ...row } });
      await auditRow(tx, request, 'customer.create', 'Customer', customer, { ...row, address: data.address ?? null });
      await recordRowEvent(tx, request, 'customer.created', customer);
      return customer;
    }),
  );
}

/** Changes the given fields; CLIENTs only on customers they created. */
export async function updateCustomer(request: CrmRequest, id: string, input: UpdateCustomerInput): Promise<Customer> {
  const identity = requireIdentity(request.identity);
  const customerId = existingId(id, 'Customer');
  const { address, customFields, ...plain } = givenFields(parseInput(updateCustomerInput, input, 'input'));
  const data = {
    ...plain,
    ...(address !== undefined ? { address: address ? (address as Prisma.InputJsonObject) : Prisma.DbNull } : {}),
    ...(customFields !== undefined ? { customFields: customFields as Prisma.InputJsonObject } : {}),
  };
  return mapEmailConflict(
    withScope(request.db, request.dataScope, async (tx) => {
      const customer = await findExisting(tx.customer, customerId, 'Customer');
      requireOwnership(identity, [customer.createdById], 'Customer');
      const updated = await tx.customer.update({ where: { id: customerId }, data });
      await auditRow(tx, request, 'customer.update', 'Customer', customer, { ...plain, address, customFields });
      await recordRowChange(tx, request, 'customer.updated', customer, updated);
      return updated;
    }),
  );
}

/** Its interactions go with it (foreign key cascade); its leads stay, without customer. */
export async function deleteCustomer(request: CrmRequest, id: string): Promise<boolean> {
  const identity = requireIdentity(request.identity);
  const customerId = existingId(id, 'Customer');
  return withScope(request.db, request.dataScope, async (tx) => {
    const customer = await findExisting(tx.customer, customerId, 'Customer');
    requireOwnership(identity, [customer.createdById], 'Customer');
    await tx.customer.delete({ where: { id: customerId } });
    await auditRow(tx, request, 'customer.delete', 'Customer', customer, { email: customer.email });
    await recordRowEvent(tx, request, 'customer.deleted', customer);
    return true;
  });
}
