import type pg from 'pg';
import { loadTable, type CopyWriter } from './copy.ts';
import { customerId, idKind, iso, userCount, userId, type ScalePlan, type TenantPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { randomFor, seedId, type Random } from './random.ts';

export const analyticsTables = ['event_idempotency_keys', 'events', 'metric_rollups'] as const;

export const eventDays = 400;
/** What visitors do between two events of a session (the flow's steps come from `nextName`). */
const browsing = ['$pageview', '$pageview', '$pageview', 'click', 'click', '$pageleave'] as const;
const funnel = ['$pageview', 'signup', 'purchase'] as const;
const pages = ['/', '/pricing', '/docs', '/blog', '/account', '/checkout'] as const;
const devices = [
  ['desktop', 'Chrome', 'Windows'],
  ['desktop', 'Chrome', 'macOS'],
  ['desktop', 'Firefox', 'Linux'],
  ['desktop', 'Safari', 'macOS'],
  ['desktop', 'Edge', 'Windows'],
  ['mobile', 'Safari', 'iOS'],
  ['mobile', 'Chrome', 'Android'],
  ['tablet', 'Safari', 'iPadOS'],
] as const;
const countries = ['US', 'US', 'US', 'DE', 'FR', 'GB', 'BR', 'IN', 'JP', 'CA', 'ES', 'NL'] as const;
const plans = ['free', 'free', 'pro', 'team'] as const;
const referrers = ['https://www.google.com/', 'https://news.ycombinator.com/', 'https://twitter.com/', null] as const;
const dayMs = 86_400_000;

const eventColumns = [
  'id',
  'tenant_id',
  'occurred_at',
  'received_at',
  'idempotency_key',
  'name',
  'data',
  'user_id',
  'customer_id',
  'session_id',
  'page_url',
  'page_title',
  'referrer',
  'device',
  'browser',
  'os',
  'country',
];
const keyColumns = ['tenant_id', 'idempotency_key', 'event_id', 'occurred_at', 'created_at'];

/**
 * Times over the last 400 days, denser toward today (age ~ u^1.7), sorted: a tenant's events then
 * load in time order, so the (tenant_id, occurred_at…) indexes grow at their right edge.
 */
function eventTimes(tenant: TenantPlan, anchor: Date, random: Random): Float64Array {
  const times = new Float64Array(tenant.events);
  for (let i = 0; i < times.length; i += 1) times[i] = anchor.getTime() - random.next() ** 1.7 * eventDays * dayMs;
  return times.sort();
}

/**
 * A visit: one visitor (one of the tenant's users, who return visit after visit, or an anonymous
 * visitor known only by the session), with one device and country, and a run of events that may
 * climb the funnel $pageview → signup → purchase.
 */
interface Visit {
  sessionId: string;
  userId: string | null;
  device: (typeof devices)[number];
  country: string;
  plan: string;
  referrer: string | null;
  left: number;
  step: number;
}

function newVisit(tenant: TenantPlan, row: number, random: Random): Visit {
  const visitor = random.int(userCount(tenant) * 8);
  const known = visitor < userCount(tenant);
  return {
    sessionId: `s-${tenant.index}-${row}`,
    userId: known ? userId(tenant, visitor) : null,
    device: devices[(visitor * 7 + tenant.index) % devices.length]!,
    country: countries[(visitor * 5 + tenant.index) % countries.length]!,
    plan: plans[visitor % plans.length]!,
    referrer: random.pick(referrers),
    left: 1 + random.int(12),
    step: 0,
  };
}

/** The visit's next event: the first is a page view; then it climbs the funnel now and then. */
function nextName(visit: Visit, random: Random): string {
  const climbs = (visit.step === 1 && random.chance(0.2)) || (visit.step === 2 && random.chance(0.35));
  if (visit.step === 0 || climbs) {
    visit.step += 1;
    return funnel[visit.step - 1]!;
  }
  return random.pick(browsing);
}

const dataOf = (name: string, visit: Visit, random: Random) => {
  if (name === 'signup') return JSON.stringify({ plan: visit.plan });
  if (name === 'purchase')
    return JSON.stringify({ plan: visit.plan, amount: (500 + random.int(19_500)) / 100, currency: 'USD' });
  return '{}';
};

async function writeTenantEvents(tenant: TenantPlan, anchor: Date, events: CopyWriter, keys: CopyWriter) {
  const random = randomFor('events', tenant.index);
  const times = eventTimes(tenant, anchor, random);
  let visit = newVisit(tenant, 0, random);
  for (let row = 0; row < times.length; row += 1) {
    if (visit.left === 0) visit = newVisit(tenant, row, random);
    visit.left -= 1;
    const occurred = iso(new Date(times[row]!));
    const id = seedId(idKind.event, tenant.index, row);
    const key = `scale-${String(row).padStart(8, '0')}`;
    const name = nextName(visit, random);
    const page = name === 'purchase' ? '/checkout' : random.pick(pages);
    const [device, browser, os] = visit.device;
    const customer =
      tenant.customers > 0 && random.chance(0.5) ? customerId(tenant, random.int(tenant.customers)) : null;
    await events.write([
      id,
      tenant.id,
      occurred,
      occurred,
      key,
      name,
      dataOf(name, visit, random),
      visit.userId,
      customer,
      visit.sessionId,
      `https://${tenant.slug}.example.com${page}`,
      page,
      visit.step === 1 ? visit.referrer : null,
      device,
      browser,
      os,
      visit.country,
    ]);
    await keys.write([tenant.id, key, id, occurred, occurred]);
  }
}

/**
 * Events and their idempotency keys go through two connections at once, each its own COPY: the
 * two tables' index maintenance runs on two server processes while this process generates rows.
 * The keys commit just before the events; a failure in between is cleaned up by --reset.
 */
export async function seedAnalytics(
  clients: [pg.Client, pg.Client],
  plan: ScalePlan,
  progress: Progress,
): Promise<void> {
  await loadTable(clients[0], 'events', eventColumns, progress, (events) =>
    loadTable(clients[1], 'event_idempotency_keys', keyColumns, progress, async (keys) => {
      for (const tenant of plan.tenants) await writeTenantEvents(tenant, plan.anchor, events, keys);
    }).then(() => undefined),
  );
}
