import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, inject, test } from 'vitest';
import { connectConsoleBrowserPerFile, consoleBrowser, demoLogins } from '../../e2e/console-harness.ts';
import { apiAs, unique } from '../../e2e/domain-api.ts';

connectConsoleBrowserPerFile();

interface ShopWindow {
  shop: {
    track: (name: string, data?: Record<string, unknown>) => void;
    identify: (userId: string) => void;
    flush: () => Promise<void>;
  };
}
interface StoredEvent {
  name: string;
  pageUrl: string | null;
  anonymousId: string | null;
  userId: string | null;
  browser: string | null;
  data: Record<string, unknown>;
}

/**
 * A shop on another origin than the gateway's, served by a real server on the loopback address:
 * Chromium lets a page reach a loopback address only from one (Local Network Access), so a page
 * made up by request interception, whose address it does not know, could not load the snippet.
 */
async function startShop(html: () => string) {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A shop page of another origin loading the snippet from the gateway, as a customer's site would. */
const shopPage = (snippetUrl: string, key: string) => `<!doctype html><html lang="en"><title>Shop</title>
<script type="module">
  import { init, track, identify, flush } from ${JSON.stringify(snippetUrl)};
  init({ key: ${JSON.stringify(key)}, flushIntervalMs: 60000 });
  window.shop = { track, identify, flush };
</script></html>`;

test('a page with the snippet sends page views (SPA navigations too), custom events and identify to the gateway', async () => {
  const admin = await apiAs(demoLogins.admin);
  let key = '';
  const snippetUrl = new URL('/ingest/snippet.js', inject('gatewayUrl')).href;
  const { origin: shop, close } = await startShop(() => shopPage(snippetUrl, key));
  const { createApiKey } = await admin<{ createApiKey: { secret: string } }>(
    'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    { input: { name: unique('snippet'), role: 'CLIENT', scopes: ['ANALYTICS_INGEST'] } },
  );
  const { ingestionOrigins } = await admin<{ ingestionOrigins: string[] }>('{ ingestionOrigins }');
  key = createApiKey.secret;
  await admin('mutation ($origins: [String!]!) { setIngestionOrigins(origins: $origins) }', {
    origins: [...new Set([...ingestionOrigins, shop])],
  });
  const marker = unique('landing');
  const userId = crypto.randomUUID();
  const context = await (await consoleBrowser()).newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('requestfailed', (request) => {
    // The beacon outlives the page that sent it: the page sees it as aborted, the gateway gets it.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') pageErrors.push(`${request.url()}: failed`);
  });
  await page.goto(`${shop}/${marker}`);
  await page
    .waitForFunction(() => 'shop' in window)
    .catch((error: Error) => {
      throw new Error(`${error.message}; page errors: ${JSON.stringify(pageErrors)}`);
    });
  // The first page view by fetch (CORS for the shop's origin), the rest by sendBeacon as the page goes.
  await page.evaluate(() => (window as unknown as ShopWindow).shop.flush());
  await page.evaluate(() => history.pushState({}, '', 'pricing'));
  await page.evaluate((plan) => (window as unknown as ShopWindow).shop.track('signup_clicked', { plan }), marker);
  await page.evaluate((id) => (window as unknown as ShopWindow).shop.identify(id), userId);
  const anonymousId = await page.evaluate(() => localStorage.getItem('cdx_aid'));
  await page.goto('about:blank');
  await context.close();
  close();

  const deadline = Date.now() + 15_000;
  let mine: StoredEvent[] = [];
  while (mine.length < 4 && Date.now() < deadline) {
    const { events } = await admin<{ events: { edges: { node: StoredEvent }[] } }>(
      '{ events(first: 50) { edges { node { name pageUrl anonymousId userId browser data } } } }',
    );
    mine = events.edges.map((edge) => edge.node).filter((event) => event.anonymousId === anonymousId);
  }
  expect(pageErrors).toEqual([]);
  expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
  expect(mine.map(({ name, pageUrl, userId: user }) => ({ name, pageUrl, userId: user })).reverse()).toEqual([
    { name: 'page_view', pageUrl: `${shop}/${marker}`, userId: null },
    { name: 'page_view', pageUrl: `${shop}/pricing`, userId: null },
    { name: 'signup_clicked', pageUrl: `${shop}/pricing`, userId: null },
    { name: '$identify', pageUrl: `${shop}/pricing`, userId },
  ]);
  expect(mine.find((event) => event.name === 'signup_clicked')?.data).toEqual({ plan: marker });
  expect(new Set(mine.map((event) => event.browser))).toEqual(new Set(['Chrome']));
}, 90_000);
