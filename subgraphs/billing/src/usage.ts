import { loadTenantPage, type ListArgs } from '@codex/kit';
import type { UsageEventFilter } from './generated/graphql.ts';
import { equals, idEquals } from './lists.ts';
import type { BillingRequest } from './request.ts';

export type UsageListArgs = ListArgs<UsageEventFilter>;

export const listUsageEvents = (request: BillingRequest, args: UsageListArgs) => {
  const { from, to } = args.filter ?? {};
  return loadTenantPage(request, args, request.db.usageEvent, {
    AND: [
      idEquals('subscriptionId', args.filter?.subscriptionId),
      equals('metricCode', args.filter?.metric),
      from || to ? { occurredAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {},
    ],
  });
};
