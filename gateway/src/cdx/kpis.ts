import { Decimal } from 'decimal.js';

/** The parts of the subgraphs' summaries the KPIs need (what `@requires` brings; null: that subgraph did not answer). */
export interface KpiInputs {
  users?: { total: number; active: number } | null;
  crm?: { totalCustomers: number; totalLeads: number } | null;
  billing?: {
    revenueAllTime: { amount: string; currency: string }[];
    activeSubscriptions: number;
    trialingSubscriptions: number;
    pastDueSubscriptions: number;
    cancelledSubscriptions: number;
  } | null;
  analytics?: { eventsLast30d: number; uniqueUsers30d: number } | null;
}

/** A Tenant or the PlatformOverview as CDX receives it: its id and the summaries `@requires` fetched. */
export interface KpiParent extends KpiInputs {
  id: string;
}

export interface Kpis {
  revenuePerCustomer: { amount: string; currency: string }[] | null;
  leadToSubscriptionConversion: string | null;
  activeUserRatio: string | null;
  eventsPerActiveUser: string | null;
}

/** `numerator / denominator` to 2 decimals, half up; null when there is nothing to divide by. */
const ratio = (numerator: Decimal.Value, denominator: number, scale = 1) =>
  denominator > 0
    ? new Decimal(numerator).times(scale).dividedBy(denominator).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
    : null;

/**
 * Figures no single subgraph can compute, from the summaries the federated plan fetched from
 * several. Each is null when there is nothing to divide by, or when a summary it needs did not
 * come (the gateway does not even ask CDX when a required subgraph is down).
 */
export function computeKpis(inputs: KpiInputs): Kpis {
  const { users, crm, billing, analytics } = inputs;
  const subscriptions = billing
    ? billing.activeSubscriptions +
      billing.trialingSubscriptions +
      billing.pastDueSubscriptions +
      billing.cancelledSubscriptions
    : null;
  return {
    revenuePerCustomer:
      billing && crm && crm.totalCustomers > 0
        ? billing.revenueAllTime.map((money) => ({
            currency: money.currency,
            amount: ratio(money.amount, crm.totalCustomers)!,
          }))
        : null,
    leadToSubscriptionConversion: crm && subscriptions !== null ? ratio(subscriptions, crm.totalLeads, 100) : null,
    activeUserRatio: users ? ratio(users.active, users.total, 100) : null,
    eventsPerActiveUser: analytics ? ratio(analytics.eventsLast30d, analytics.uniqueUsers30d) : null,
  };
}
