import type pg from 'pg';
import { loadTable, type CopyWriter } from './copy.ts';
import { customerId, idKind, iso, userCount, userId, type ScalePlan, type TenantPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { randomFor, seedId, type Random } from './random.ts';

export const analyticsTables = ['event_idempotency_keys', 'events', 'metric_rollups'] as const;

export const eventDays = 400;
const names = [
  'page_view',
  'page_view',
  'page_view',
  'page_view',
  'click',
  'click',
  'login',
  'signup',
  'purchase',
  'logout',
] as const;
const pages = ['/', '/pricing', '/docs', '/blog', '/account', '/checkout'] as const;
const devices = [
  ['desktop', 'Chrome', 'Windows'],
  ['desktop', 'Firefox', 'Linux'],
  ['mobile', 'Safari', 'iOS'],
  ['mobile', 'Chrome', 'Android'],
] as const;
const countries = ['US', 'US', 'US', 'DE', 'FR', 'GB', 'BR', 'IN', 'JP'] as const;
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

async function writeTenantEvents(tenant: TenantPlan, anchor: Date, events: CopyWriter, keys: CopyWriter) {
  const random = randomFor('events', tenant.index);
  const times = eventTimes(tenant, anchor, random);
  for (let row = 0; row < times.length; row += 1) {
    const occurred = iso(new Date(times[row]!));
    const id = seedId(idKind.event, tenant.index, row);
    const key = `scale-${String(row).padStart(8, '0')}`;
    const name = random.pick(names);
    const page = random.pick(pages);
    const [device, browser, os] = random.pick(devices);
    const user = random.chance(0.6) ? userId(tenant, random.int(userCount(tenant))) : null;
    const customer =
      tenant.customers > 0 && random.chance(0.5) ? customerId(tenant, random.int(tenant.customers)) : null;
    const data = name === 'purchase' ? `{"amount": ${(random.int(20_000) / 100).toFixed(2)}, "currency": "USD"}` : '{}';
    await events.write([
      id,
      tenant.id,
      occurred,
      occurred,
      key,
      name,
      data,
      user,
      customer,
      `s-${tenant.index}-${Math.floor(row / 25)}`,
      `https://${tenant.slug}.example.com${page}`,
      page,
      random.chance(0.3) ? 'https://www.google.com/' : null,
      device,
      browser,
      os,
      random.pick(countries),
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
