import { allTenants, demoCustomerId, demoId, demoTenant, demoUsers } from '@codex/kit';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';

/**
 * Demo analytics for the demo tenant: ~300 events over the 30 days before today (UTC), their daily
 * rollups and a dashboard. Events are seeded once (skipped when demo events exist, so restarts on
 * later days do not add more); keys are deterministic, so concurrent runs insert each row once.
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
  await db.dashboard.createMany({
    data: [
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
    ],
    skipDuplicates: true,
  });
  const seeded = await db.event.findFirst({ where: { tenantId, idempotencyKey: { startsWith: 'demo-seed-' } }, select: { id: true } });
  if (seeded) return;

  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const events = Array.from({ length: 300 }, (_, i) => {
    const name = names[i % names.length]!;
    const userId = users[i % users.length]!;
    return {
      id: id(`event.${today.toISOString()}.${i}`),
      tenantId,
      idempotencyKey: `demo-seed-${today.toISOString().slice(0, 10)}-${i}`,
      occurredAt: new Date(today.getTime() - 30 * 24 * hour + ((i * 173) % (30 * 24)) * hour + (i % 60) * 60_000),
      name,
      data: name === 'purchase' ? { amount: 49 + (i % 5) * 10, customerId: demoCustomerId(tenantId, i % 20) } : {},
      userId,
      sessionId: `demo-session-${Math.floor(i / 5)}`,
      pageUrl: `https://demo.codex.local${pages[i % pages.length]}`,
      pageTitle: pages[i % pages.length] === '/' ? 'Home' : pages[i % pages.length]!.slice(1),
      referrer: i % 4 === 0 ? 'https://www.google.com/' : null,
      device: i % 3 === 0 ? 'mobile' : 'desktop',
      browser: browsers[i % browsers.length]!,
      os: systems[i % systems.length]!,
      country: countries[i % countries.length]!,
    };
  });
  await db.event.createMany({ data: events, skipDuplicates: true });
  await db.metricRollup.createMany({ data: dailyCounts(events), skipDuplicates: true });
}

function dailyCounts(events: { occurredAt: Date }[]) {
  const perDay = new Map<string, number>();
  for (const event of events) {
    const dayKey = event.occurredAt.toISOString().slice(0, 10);
    perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
  }
  return [...perDay].map(([dayKey, count]) => ({
    id: id(`rollup.events.count.DAY.${dayKey}`),
    tenantId,
    metric: 'events.count',
    granularity: 'DAY' as const,
    periodStart: new Date(`${dayKey}T00:00:00.000Z`),
    value: String(count),
    sampleCount: count,
    dimensions: {},
    dimensionsHash: '',
  }));
}
