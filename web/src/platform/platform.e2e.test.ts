import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTenantWithUsers, superadminToken } from '../../../tests/support/actors.ts';
import {
  type ConsolePage,
  closeConsoleBrowser,
  demoLogins,
  expectAccessible,
  goTo,
  openConsole,
  openConsoleAs,
  saveScreenshot,
  signIn,
} from '../../e2e/console-harness.ts';
import { apiAs, createCustomer, unique } from '../../e2e/domain-api.ts';

// One signed-in SUPERADMIN page for the whole file: each test opens its screen in it.
let superadmin: ConsolePage;
beforeAll(async () => {
  superadmin = await openConsoleAs(demoLogins.superadmin);
});
afterAll(async () => {
  expect(superadmin.pageErrors).toEqual([]);
  await closeConsoleBrowser();
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** The screen's live indicator once its subscription has delivered over a connected WebSocket. */
const liveIndicator = (page: Page) => page.getByRole('status', { name: 'Live updates: Live' });

/** Counts the page's HTTP POSTs of one operation from now on (a poll would add to it). */
function countPosts(page: Page, operationName: string) {
  let posts = 0;
  const onRequest = (request: import('playwright-core').Request) => {
    if (request.method() === 'POST' && request.postData()?.includes(`"operationName":"${operationName}"`)) posts += 1;
  };
  page.on('request', onRequest);
  return { count: () => posts, stop: () => page.off('request', onRequest) };
}

/** How many area charts are fully drawn: Recharts reveals a curve through a growing clip path, removed at the end. */
const curvesReachingToday = (page: Page) =>
  page
    .locator('figure')
    .evaluateAll(
      (figures) =>
        figures.filter(
          (figure) => figure.querySelector('.recharts-area') && !figure.querySelector('.recharts-area clipPath'),
        ).length,
    );

async function checkScreen(page: Page, name: string) {
  await saveScreenshot(page, 'platform', name);
  await expectAccessible(page, name);
}

test('platform overview: KPI cards, 30-day growth of users, customers, revenue, events, tenants and subscriptions, and the top tenants', async () => {
  const { page } = superadmin;
  await goTo(page, '/platform');
  await heading(page, 'Platform overview').waitFor();
  const kpis = page.locator('dl[aria-label="Platform figures"]');
  await kpis.waitFor();
  expect(await kpis.locator('dt').allTextContents()).toEqual(
    expect.arrayContaining(['Tenants', 'Users', 'Customers', 'MRR', 'Events, 30 days']),
  );
  const charts = ['New users', 'New customers', 'Revenue paid', 'Events', 'New tenants', 'New subscriptions'];
  for (const chart of charts) await page.getByRole('img', { name: new RegExp(`^${chart}: `) }).waitFor();
  // The demo seed paid invoices this month and its users joined today: both series have figures.
  expect(await page.getByRole('img', { name: /^New users: / }).getAttribute('aria-label')).not.toMatch(/: 0 in/);
  await page.getByRole('heading', { name: 'Top tenants by MRR' }).waitFor();
  await page.locator('.recharts-surface').first().waitFor();
  // Recharts draws each curve in from the left: wait until every one is drawn to today, at a
  // viewport of the full page's height (the full-page screenshot then changes no chart's size).
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport) await page.setViewportSize({ width: viewport.width, height });
  // Recharts draws each area in over 1.5 s (longer on a busy machine): wait for the last one.
  await expect.poll(() => curvesReachingToday(page), { timeout: 20_000 }).toBe(charts.length);
  await checkScreen(page, 'overview');
  if (viewport) await page.setViewportSize(viewport);
});

test('platform health: every service is up with its latency, pushed over the WebSocket without polling', async () => {
  const { page } = superadmin;
  const healthPosts = countPosts(page, 'PlatformHealth');
  await goTo(page, '/platform/health');
  const table = page.getByRole('table', { name: 'Services of the platform' });
  await table.waitFor();
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBe(6);
  expect(await table.locator('tbody').textContent()).toMatch(/gateway.*auth.*crm.*cms.*billing.*analytics/s);
  expect(await rows.filter({ hasText: 'Up' }).count()).toBe(6);
  await liveIndicator(page).waitFor();
  await checkScreen(page, 'health');
  // The report came by subscription: no HTTP query for it until someone clicks "Check now".
  expect(healthPosts.count()).toBe(0);
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(healthPosts.count).toBe(1);
  healthPosts.stop();
});

test("an ADMIN's tenant overview shows a new customer without a reload or a poll", async () => {
  const actors = await createTenantWithUsers(await superadminToken(), 'console-live');
  const admin = { login: actors.admin.email, password: actors.admin.password };
  const { page, context, pageErrors } = await openConsole('/overview');
  const overviewPosts = countPosts(page, 'OwnTenantOverview');
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => void frames.push(String(payload))));
  await signIn(page, admin);
  const customers = page
    .getByRole('table', { name: `Summary of tenant Tenant ${actors.tenant.slug}` })
    .locator('dt', { hasText: /^Customers$/ })
    .locator('xpath=following-sibling::dd[1]');
  await liveIndicator(page).waitFor();
  expect(await customers.textContent()).toBe('0');
  const postsBefore = overviewPosts.count();
  expect(postsBefore).toBeGreaterThan(0);

  await createCustomer(await apiAs(admin), unique('live'));
  await expect.poll(() => customers.textContent(), { timeout: 10_000 }).toBe('1');
  // Pushed over the WebSocket: the overview query went out only for the first render.
  expect(overviewPosts.count()).toBe(postsBefore);
  expect(frames.some((frame) => frame.includes('"totalCustomers":1'))).toBe(true);
  await saveScreenshot(page, 'platform', 'tenant-live');
  await expectAccessible(page, 'tenant overview (live)');
  expect(pageErrors).toEqual([]);
  await context.close();
});

test('tenants: create (server errors on the field), find by search, suspend and reactivate with confirmation; it persists', async () => {
  const { page } = superadmin;
  await goTo(page, '/tenants');
  const table = page.getByRole('table', { name: 'Tenants of the platform' });
  await table.waitFor();
  await checkScreen(page, 'tenants');

  await page.getByRole('button', { name: 'New tenant' }).click();
  const form = page.getByRole('form', { name: 'New tenant' });
  // A taken slug: the server's CONFLICT lands on the Slug field.
  await form.getByLabel('Name').fill('Taken slug');
  await form.getByLabel('Slug').fill('demo');
  await form.getByRole('button', { name: 'Create tenant' }).click();
  await expect.poll(() => form.getByLabel('Slug').getAttribute('aria-invalid')).toBe('true');
  await checkScreen(page, 'tenant-create-conflict');

  const slug = `console-${randomUUID().slice(0, 8)}`;
  await form.getByLabel('Name').fill(`Console ${slug}`);
  await form.getByLabel('Slug').fill(slug);
  await form.getByRole('button', { name: 'Create tenant' }).click();
  await form.waitFor({ state: 'detached' });

  const search = page.getByRole('searchbox', { name: 'Search tenants' });
  await search.fill(slug);
  const row = table.locator('tbody tr').filter({ hasText: slug });
  await row.waitFor();
  await row.getByRole('button', { name: /Suspend/ }).click();
  const dialog = page.getByRole('dialog', { name: `Suspend Console ${slug}?` });
  await checkScreen(page, 'tenant-suspend-confirm');
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await row.getByText('Suspended').waitFor();

  // The search is in the URL: a reload finds the tenant again, searched by the server.
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(slug);
  await page.reload();
  expect(await page.getByRole('searchbox', { name: 'Search tenants' }).inputValue()).toBe(slug);
  await table.locator('tbody tr').filter({ hasText: slug }).getByText('Suspended').waitFor();
  expect(await table.locator('tbody tr').count()).toBe(1);

  await table
    .locator('tbody tr')
    .filter({ hasText: slug })
    .getByRole('button', { name: /Reactivate/ })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
  await table.locator('tbody tr').filter({ hasText: slug }).getByText('Active').waitFor();

  await table.getByRole('link', { name: `Console ${slug}` }).click();
  await heading(page, `Console ${slug}`).waitFor();
  await page
    .getByRole('table', { name: `Users of Console ${slug}` })
    .or(page.getByText('No users yet'))
    .waitFor();
  await page.getByRole('table', { name: 'Audit trail of this tenant' }).waitFor();
  expect(await page.getByRole('table', { name: 'Audit trail of this tenant' }).textContent()).toContain('tenant.');
  await page.locator('dl[aria-label="Tenant KPIs"]').waitFor();
  await liveIndicator(page).waitFor();
  await checkScreen(page, 'tenant-detail');

  // A deep link to the detail page survives a reload.
  await page.reload();
  await heading(page, `Console ${slug}`).waitFor();
}, 60_000);

test('tenants: the server searches and sorts every tenant, kept in the URL', async () => {
  const { page } = superadmin;
  const marker = unique('sortable');
  const api = await apiAs(demoLogins.superadmin);
  for (const name of ['Ann', 'Zed'])
    await api(`mutation ($input: CreateTenantInput!) { createTenant(input: $input) { id } }`, {
      input: { name: `${name} ${marker}`, slug: `${name.toLowerCase()}-${marker}`, planTier: 'FREE' },
    });
  await goTo(page, `/tenants?q=${marker}`);
  const table = page.getByRole('table', { name: 'Tenants of the platform' });
  const names = () => table.locator('tbody tr td:first-child a').allTextContents();
  await expect.poll(names).toEqual([`Zed ${marker}`, `Ann ${marker}`]);
  await page.getByLabel('Sort').selectOption('name');
  await expect.poll(names).toEqual([`Ann ${marker}`, `Zed ${marker}`]);
  await page.reload();
  expect(await page.getByLabel('Sort').inputValue()).toBe('name');
  await expect.poll(names).toEqual([`Ann ${marker}`, `Zed ${marker}`]);
  await checkScreen(page, 'tenants-search-sorted');
  await page.getByRole('searchbox', { name: 'Search tenants' }).fill(`${marker}-none`);
  await page.getByText('No tenant matches the search').waitFor();
});

test('audit explorer: entries of several services newest first, narrowed by tenant, service and action (kept in the URL)', async () => {
  const { page } = superadmin;
  await goTo(page, '/audit');
  const table = page.getByRole('table', { name: 'Audit entries across services' });
  await table.waitFor();
  const times = await table
    .locator('tbody tr td:first-child time')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('datetime') ?? ''));
  expect(times.length).toBeGreaterThan(1);
  expect(times).toEqual([...times].sort().reverse());
  await page.getByLabel('Service').selectOption('auth');
  await page.getByLabel('Action contains').fill('tenant.');
  await expect.poll(() => new URL(page.url()).search).toContain('service=auth');
  const services = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(services.length).toBeGreaterThan(0);
  expect(new Set(services)).toEqual(new Set(['auth']));
  await page.reload();
  await table.waitFor();
  expect(await page.getByLabel('Action contains').inputValue()).toBe('tenant.');
  await checkScreen(page, 'audit');
});
