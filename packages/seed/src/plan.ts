import { allocate, seedId } from './random.ts';

/** The spec's target scale ("Target scale" in PLATFORM.md) at scale 1. */
export const targetScale = {
  tenants: 1000,
  customers: 100_000,
  leads: 300_000,
  interactions: 150_000,
  subscriptions: 20_000,
  events: 5_000_000,
} as const;

/** Id kinds (first group of a seed id): one per table, so ids never collide across tables. */
export const idKind = {
  tenant: 1,
  user: 2,
  customer: 3,
  pipeline: 4,
  stage: 5,
  lead: 6,
  interaction: 7,
  contentType: 8,
  contentItem: 9,
  media: 10,
  page: 11,
  plan: 12,
  subscription: 13,
  invoice: 14,
  lineItem: 15,
  usage: 16,
  event: 17,
  metric: 18,
  charge: 19,
} as const;

export const markerSlugPrefix = 'scale-';
export const seedPassword = 'scale123';
export const pipelineStages = [
  { name: 'New', probability: 10 },
  { name: 'Qualified', probability: 25 },
  { name: 'Proposal', probability: 50 },
  { name: 'Negotiation', probability: 75 },
  { name: 'Closing', probability: 90 },
] as const;

export interface TenantPlan {
  index: number;
  id: string;
  slug: string;
  clients: number;
  customers: number;
  leads: number;
  interactions: number;
  subscriptions: number;
  events: number;
}

export interface ScalePlan {
  tenants: TenantPlan[];
  /** Midnight UTC of the day the data is "as of": every date is relative to it. */
  anchor: Date;
}

/**
 * Who gets how much: a Zipf-like weight per tenant (1/(i+1)^0.9), so a few tenants are big
 * (the first holds ~9 % of everything at 1,000 tenants) and most are small, as in real SaaS.
 * Subscriptions and interactions follow customers (each needs one of its tenant's customers).
 */
export function planScale(options: {
  scale: number;
  tenants: number;
  anchor: Date;
  subscriptions?: number | null;
}): ScalePlan {
  const count = (total: number) => Math.round(total * options.scale);
  const weights = Array.from({ length: options.tenants }, (_, i) => 1 / (i + 1) ** 0.9);
  const customers = allocate(count(targetScale.customers), weights);
  const leads = allocate(count(targetScale.leads), weights);
  const events = allocate(count(targetScale.events), weights);
  const subscriptionTotal = Math.min(
    options.subscriptions ?? count(targetScale.subscriptions),
    customers.reduce((a, b) => a + b, 0),
  );
  const subscriptions = allocate(subscriptionTotal, customers);
  const interactions = allocate(count(targetScale.interactions), customers);
  return {
    anchor: options.anchor,
    tenants: weights.map((_, index) => ({
      index,
      id: seedId(idKind.tenant, index, 0),
      slug: `${markerSlugPrefix}${String(index + 1).padStart(4, '0')}`,
      clients: 2 + (index % 4),
      customers: customers[index]!,
      leads: leads[index]!,
      interactions: interactions[index]!,
      subscriptions: subscriptions[index]!,
      events: events[index]!,
    })),
  };
}

/** Row 0 is the tenant's ADMIN, rows 1… its CLIENTs. */
export const userId = (tenant: TenantPlan, row: number) => seedId(idKind.user, tenant.index, row);
export const userCount = (tenant: TenantPlan) => 1 + tenant.clients;
export const customerId = (tenant: TenantPlan, row: number) => seedId(idKind.customer, tenant.index, row);

const dayMs = 86_400_000;
export const daysBefore = (anchor: Date, days: number) => new Date(anchor.getTime() - days * dayMs);
export const iso = (date: Date) => date.toISOString();
