import { afterAll, expect, test } from 'vitest';
import {
  closeConsoleBrowser,
  demoLogins,
  expectAccessible,
  goTo,
  navLinks,
  openConsole,
  openConsoleAs,
  saveScreenshot,
  signIn,
} from '../../e2e/console-harness.ts';

afterAll(closeConsoleBrowser);

const notAvailable = (page: import('playwright-core').Page) =>
  page.getByRole('heading', { level: 1, name: 'Not available' });

test('each role sees only its screens in the navigation, and a forbidden URL says "Not available"', async () => {
  const cases = [
    {
      who: demoLogins.superadmin,
      home: '/platform',
      links: ['Overview', 'Health', 'Tenants', 'Audit', 'Sessions'],
      forbidden: ['/overview', '/users'],
    },
    {
      who: demoLogins.admin,
      home: '/overview',
      links: ['Overview', 'Users', 'API keys', 'Machine clients', 'Sessions'],
      forbidden: ['/platform', '/tenants', '/audit'],
    },
    {
      who: demoLogins.client,
      home: '/overview',
      links: ['Overview', 'Sessions'],
      forbidden: ['/platform/health', '/users', '/api-keys', '/machine-clients'],
    },
  ];
  for (const { who, home, links, forbidden } of cases) {
    const { page, context, pageErrors } = await openConsoleAs(who);
    expect(new URL(page.url()).pathname, who.login).toBe(home);
    const shown = await navLinks(page);
    for (const link of links) expect(shown, who.login).toContain(link);
    for (const route of forbidden) {
      await goTo(page, route);
      await notAvailable(page).waitFor();
    }
    await saveScreenshot(page, 'shell', `not-available-${who.login.split('@')[0]}`);
    await expectAccessible(page, `not available (${who.login})`);
    expect(pageErrors).toEqual([]);
    await context.close();
  }
}, 90_000);

test('a deep link survives sign-in and a reload; an unknown URL says "Page not found"', async () => {
  const { page, context, pageErrors } = await openConsole('/platform/health');
  await signIn(page, demoLogins.superadmin);
  expect(new URL(page.url()).pathname).toBe('/platform/health');
  await page.getByRole('heading', { level: 1, name: 'Platform health' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Platform health' }).waitFor();
  expect(await page.title()).toBe('Platform health · Codex Metatron');

  await goTo(page, '/no/such/page');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await saveScreenshot(page, 'shell', 'not-found');
  await expectAccessible(page, 'not found');
  expect(pageErrors).toEqual([]);
  await context.close();
});

test('the gateway serves the console: hashed assets immutable, index.html revalidated, /graphql untouched', async () => {
  const { page, context } = await openConsole('/');
  const script = await page.locator('script[type="module"]').first().getAttribute('src');
  await context.close();
  const asset = await fetch(new URL(script!, page.url()));
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const deepLink = await fetch(new URL('/tenants/some-id', page.url()), { headers: { accept: 'text/html' } });
  expect(deepLink.status).toBe(200);
  expect(deepLink.headers.get('cache-control')).toBe('no-cache');
  expect(await deepLink.text()).toContain('<div id="root">');
  const graphql = await fetch(new URL('/graphql', page.url()), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
});
