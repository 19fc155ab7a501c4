import { readFile } from 'node:fs/promises';
import type { RunningServer, SubgraphName } from '@codex/kit';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startOwnGateway } from '../../../tests/support/own-gateway.ts';
import { consoleBrowser, closeConsoleBrowser, demoLogins, type Login, signIn } from '../../e2e/console-harness.ts';

// What the integration run's global setup provides (tests/support/global-setup.ts), for web's tsc.
declare module 'vitest' {
  export interface ProvidedContext {
    subgraphUrls: Record<SubgraphName, string>;
    gatewaySecret: string;
  }
}

/**
 * The console under `PERSISTED_OPERATIONS=safelist` (issue 13): a gateway of its own in safelist
 * mode serves the console; each role signs in and opens every screen of its navigation. Every
 * query and mutation the page sends must be a manifest operation (by its id): a SUPERADMIN's
 * unregistered operation would still run (Sandbox), so the ids are checked, not only the answers.
 */
let gateway: RunningServer;
let registered: Set<string>;

beforeAll(async () => {
  const manifest = JSON.parse(await readFile(new URL('../../persisted-query-manifest.json', import.meta.url), 'utf8'));
  registered = new Set(manifest.operations.map((operation: { id: string }) => operation.id));
  [gateway] = await Promise.all([startOwnGateway({ PERSISTED_OPERATIONS: 'safelist' }), consoleBrowser()]);
}, 120_000);
afterAll(async () => {
  await closeConsoleBrowser();
  await gateway?.stop();
});

interface SentOperation {
  name: string;
  hash: string | undefined;
}

/** Records every GraphQL POST of the page (name and persisted id), which are in flight, and when the last one started or ended. */
function watchOperations(page: Page) {
  const sent: SentOperation[] = [];
  const inFlight = new Map<Request, string>();
  let lastActivity = Date.now();
  const isGraphql = (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === '/graphql';
  page.on('request', (request) => {
    if (!isGraphql(request)) return;
    const body = request.postDataJSON() as {
      operationName?: string;
      extensions?: { persistedQuery?: { sha256Hash?: string } };
    };
    sent.push({ name: body.operationName ?? '?', hash: body.extensions?.persistedQuery?.sha256Hash });
    inFlight.set(request, body.operationName ?? '?');
    lastActivity = Date.now();
  });
  const settle = (request: Request) => {
    if (inFlight.delete(request)) lastActivity = Date.now();
  };
  page.on('requestfinished', settle);
  page.on('requestfailed', settle);
  /** What is still in flight, or `['quiet for < 300 ms']` while the screen may still be sending. */
  const unsettled = () =>
    inFlight.size > 0 ? [...inFlight.values()] : Date.now() - lastActivity < 300 ? ['quiet for < 300 ms'] : [];
  /** Starts the quiet period anew (a navigation): a screen gets 300 ms to send its first operation. */
  const restart = () => {
    lastActivity = Date.now();
  };
  return { sent, unsettled, restart };
}

/** Signs `who` in at the safelist gateway and opens each screen of its navigation; returns what was sent. */
async function visitEveryScreen(who: Login) {
  const context = await (await consoleBrowser()).newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const operations = watchOperations(page);
  await page.goto(new URL('/', gateway.url).href);
  await signIn(page, who);
  const navigation = page.getByRole('navigation', { name: 'Console' });
  const routes = await navigation
    .getByRole('link')
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
  const failures: string[] = [];
  const heading = page.getByRole('heading', { level: 1 }).first();
  for (const route of routes) {
    const path = route.split('?')[0];
    // A navigation is a transition: the previous screen stays, heading and all, after the URL has
    // changed and until the next screen's code has loaded. Wait for it to go, or a slow machine
    // moves on before the screen mounts and never sees its operations.
    const previous = new URL(page.url()).pathname === path ? null : await heading.elementHandle();
    operations.restart();
    await navigation.locator(`a[href="${route}"]`).first().click();
    await page.waitForURL((url) => url.pathname === path);
    await previous?.waitForElementState('hidden');
    await heading.waitFor();
    await expect.poll(operations.unsettled, { timeout: 15_000, message: route }).toEqual([]);
    const alerts = await page.getByRole('alert').allTextContents();
    if (alerts.some((text) => /not in (the )?list|PERSISTED_QUERY/i.test(text))) failures.push(`${route}: ${alerts}`);
  }
  await context.close();
  return { routes, sent: operations.sent, failures };
}

test.each([
  ['SUPERADMIN', demoLogins.superadmin],
  ['ADMIN', demoLogins.admin],
  ['CLIENT', demoLogins.client],
])(
  'a %s opens every screen of its navigation with manifest operations only',
  async (_role, who) => {
    const { routes, sent, failures } = await visitEveryScreen(who);
    expect(routes.length).toBeGreaterThan(1);
    expect(failures).toEqual([]);
    expect(sent.length).toBeGreaterThan(routes.length);
    const unregistered = sent.filter((operation) => !operation.hash || !registered.has(operation.hash));
    expect(unregistered.map((operation) => operation.name)).toEqual([]);
  },
  120_000,
);
