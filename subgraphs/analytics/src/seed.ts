import { allTenants, demoCustomerCount, demoCustomerId, demoId, demoTenant, demoUsers, withScope } from '@codex/kit';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import { storeEvents, type NewEvent } from './event-store.ts';

/**
 * Demo analytics for the demo tenant: 300 events over the 30 days before today (UTC), some about
 * demo customers, stored through ingestion's own store (so the rollups match them), and two
 * dashboards. Events are seeded once (skipped when demo events exist, so restarts on later days
 * do not add more); ids and idempotency keys are deterministic, so concurrent runs store each once.
 */
const tenantId = demoTenant.id;
const id = (key: string) => demoId(`analytics.${tenantId}.${key}`);
const hour = 3_600_000;
const names = ['page_view', 'page_view', 'page_view', 'click', 'signup', 'search', 'purchase'] as const;
const pages = ['/', '/pricing', '/blog/welcome-to-codex', '/docs', '/contact'];
const browsers = ['Chrome', 'Firefox', 'Safari', 'Edge'];
const systems = ['macOS', 'Windows', 'Linux', 'iOS', 'Android'];
const countries = ['US', 'DE', 'FR', 'GB', 'JP'];
const users = [demoUsers.admin.id, demoUsers.client.id, null];

export async function seedAnalyticsDemo(unscoped: AnalyticsDatabase): Promise<void> {
  // Demo data spans several tenants: cross them explicitly (row-level security shows nothing otherwise).
  const db = scopeAnalyticsDatabase(unscoped, allTenants);
  await db.dashboard.createMany({ data: demoDashboards(), skipDuplicates: true });
  const seeded = await db.event.findFirst({
    where: { tenantId, idempotencyKey: { startsWith: 'demo-seed-' } },
    select: { id: true },
  });
  if (seeded) return;
  const events = demoEvents(new Date());
  await withScope(db, allTenants, (tx) => storeEvents(tx, events), { timeout: 30_000 });
}

function demoEvents(now: Date): NewEvent[] {
  const today = new Date(now);
  today.setUTCHours(0, 0, 0, 0);
  const day = today.toISOString().slice(0, 10);
  return Array.from({ length: 300 }, (_, i) => {
    const name = names[i % names.length]!;
    const page = pages[i % pages.length]!;
    // Purchases and every fourth event are about one of the demo customers.
    const customerId = name === 'purchase' || i % 4 === 0 ? demoCustomerId(tenantId, i % demoCustomerCount.demo) : null;
    return {
      id: id(`event.${day}.${i}`),
      tenantId,
      idempotencyKey: `demo-seed-${day}-${i}`,
      occurredAt: new Date(today.getTime() - 30 * 24 * hour + ((i * 173) % (30 * 24)) * hour + (i % 60) * 60_000),
      name,
      data: name === 'purchase' ? { amount: 49 + (i % 5) * 10, currency: 'USD' } : {},
      userId: users[i % users.length]!,
      customerId,
      sessionId: `demo-session-${Math.floor(i / 5)}`,
      anonymousId: null,
      pageUrl: `https://demo.codex.local${page}`,
      pageTitle: page === '/' ? 'Home' : page.slice(1),
      referrer: i % 4 === 0 ? 'https://www.google.com/' : null,
      device: i % 3 === 0 ? 'mobile' : 'desktop',
      browser: browsers[i % browsers.length]!,
      os: systems[i % systems.length]!,
      country: countries[i % countries.length]!,
    };
  });
}

const demoDashboards = () => [
  {
    id: id('dashboard.overview'),
    tenantId,
    name: 'Traffic overview',
    description: 'Page views, signups and purchases',
    isPublic: true,
    createdById: demoUsers.admin.id,
    widgets: [
      { type: 'timeseries', metric: 'events.count', granularity: 'DAY', title: 'Events per day' },
      { type: 'number', metric: 'events.count', dimensions: { name: 'signup' }, title: 'Signups' },
      { type: 'table', metric: 'events.count', groupBy: 'page_url', title: 'Top pages' },
    ],
  },
  {
    id: id('dashboard.sales'),
    tenantId,
    name: 'Purchases (admins)',
    description: 'Purchases per hour, for the sales team',
    isPublic: false,
    createdById: demoUsers.admin.id,
    widgets: [
      {
        type: 'bar',
        metric: 'events.count',
        granularity: 'HOUR',
        dimensions: { name: 'purchase' },
        title: 'Purchases per hour',
      },
    ],
  },
];
