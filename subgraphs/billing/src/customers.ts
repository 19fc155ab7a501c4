import { apiError, ErrorCode, isUuid, requireIdentity, type Identity, notFound } from '@codex/kit';
import type { CustomerCheckingRequest } from './request.ts';

/**
 * A CRM customer as Billing knows it: an id, and the tenant of the billing row that points at it.
 * `tenantId` is null for a reference the gateway sends (`_entities`): Billing cannot know that
 * customer's tenant, so only its subscriptions (scoped to the caller) are shown, never its id.
 */
export interface CustomerReference {
  id: string;
  tenantId: string | null;
}

export const customerOf = (row: { customerId: string; tenantId: string }): CustomerReference => ({
  id: row.customerId,
  tenantId: row.tenantId,
});

const customerQuery = /* GraphQL */ `
  query BillingCustomerCheck($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Customer { id } }
  }
`;

const customerMissing = () => notFound('Customer', 'input.customerId');

/**
 * CRM answers as the caller. A SUPERADMIN sees every tenant there, so their check is narrowed to
 * the tenant the subscription goes into: a customer of another tenant is not found.
 */
const askingAs = (identity: Identity, tenantId: string): Identity =>
  identity.role === 'SUPERADMIN' ? { ...identity, role: 'ADMIN', tenantId } : identity;

/**
 * The customer exists in CRM, in `tenantId` (the caller's tenant): CRM's tenant scoping answers
 * null for a missing or foreign id. Nothing of the customer is copied. If CRM cannot answer, the
 * subscription is refused (SERVICE_UNAVAILABLE) rather than created unchecked.
 */
export async function confirmCustomer(
  request: CustomerCheckingRequest,
  customerId: string,
  tenantId: string,
): Promise<void> {
  if (!isUuid(customerId)) throw customerMissing();
  const forwarded = {
    requestId: request.requestId,
    clientIp: request.clientIp,
    userAgent: request.userAgent,
    identity: askingAs(requireIdentity(request.identity), tenantId),
  };
  const answer = await request.crm<{ _entities?: ({ id?: string } | null)[] }>(forwarded, customerQuery, {
    representations: [{ __typename: 'Customer', id: customerId }],
  });
  const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
  if (codes.length > 0 && codes.every((code) => code === ErrorCode.NOT_FOUND)) throw customerMissing();
  if (codes.length > 0 || !Array.isArray(answer.data?._entities)) {
    request.logger.error({ errors: answer.errors }, 'CRM could not confirm a customer');
    throw apiError(ErrorCode.SERVICE_UNAVAILABLE, 'CRM could not confirm the customer; try again later', {
      serviceName: 'crm',
    });
  }
  if (answer.data._entities[0]?.id !== customerId) throw customerMissing();
}
