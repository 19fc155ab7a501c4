import { createMapLoader, isUuid, readPlainRows, type DataScope } from '@codex/kit';
import type DataLoader from 'dataloader';
import type { BillingDatabase, Plan, Subscription } from './db.ts';

/** Subscriptions shown on a CRM customer, newest first. */
export const maxCustomerSubscriptions = 50;

/**
 * `Customer.subscriptions` of every customer of a batch (an `_entities` fetch of a page of
 * customers) with their plans, in one statement: the newest `maxCustomerSubscriptions` of each
 * customer by a window over `customer_id = ANY($1)`, joined to their plans, in a read session of
 * the request's scoped database (the scope statement and this one). The plans are handed to
 * `plans` (the request's `planById`), so `subscriptions { plan { … } }` reads nothing more. Besides
 * RLS, a tenant caller's rows are filtered by its tenant in the statement too.
 */
export function createCustomerSubscriptionsLoader(
  db: BillingDatabase,
  scope: DataScope,
  plans: DataLoader<string, Plan | null>,
): DataLoader<string, Subscription[]> {
  return createMapLoader(
    async (keys: readonly string[]) => {
      const grouped = new Map<string, Subscription[]>(keys.map((key) => [key, []]));
      const customerIds = keys.filter(isUuid);
      if (customerIds.length === 0 || scope.kind === 'none') return grouped;
      return readPlainRows(db, scope, (models) => {
        const [subscription, plan] = [models('Subscription'), models('Plan')];
        return {
          text: `SELECT ${subscription.columns('s')}, ${plan.columns('p')}
            FROM (
              SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY created_at DESC, id DESC) AS newest
              FROM subscriptions
              WHERE customer_id = ANY($1::uuid[]) AND ($3::uuid IS NULL OR tenant_id = $3::uuid)
            ) s
            LEFT JOIN plans p ON p.id = s.plan_id
            WHERE s.newest <= $2
            ORDER BY s.customer_id, s.newest`,
          values: [customerIds, maxCustomerSubscriptions, scope.kind === 'tenant' ? scope.tenantId : null],
          answer: (rows) => {
            for (const raw of rows) {
              const row = subscription.row(raw, 's') as Subscription;
              const planRow = plan.row(raw, 'p') as Plan | null;
              if (planRow) plans.prime(planRow.id, planRow);
              grouped.get(row.customerId)?.push(row);
            }
            return grouped;
          },
        };
      });
    },
    () => [],
  );
}
