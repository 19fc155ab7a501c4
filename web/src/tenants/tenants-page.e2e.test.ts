/// <reference types="node" />
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build, preview, type InlineConfig, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createWebViteConfig } from '../../server-config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
  }
}

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const domainHeadings = ['Users', 'CRM', 'CMS', 'Billing', 'Analytics'];
const refreshTokenStorageKey = 'codex.refreshToken';
const screenshot = (name: string) => path.join(tmpdir(), `codex-web-${name}.png`);

let workDir: string | undefined;
let server: PreviewServer | undefined;
let browser: Browser | undefined;
let consoleUrl: string;

/** Builds the console and serves the build with `vite preview`, proxying `/graphql` to the test platform's gateway. */
async function startConsole(outDir: string) {
  const base = createWebViteConfig({ port: 0, gatewayOrigin: new URL(inject('gatewayUrl')).origin });
  // Under vitest NODE_ENV is 'test', so this build carries React's development checks; only errors are worth printing.
  const config: InlineConfig = { ...base, configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true } };
  await build(config);
  const started = await preview({ ...config, preview: { ...base.preview, host: '127.0.0.1' } });
  const { port } = started.httpServer.address() as AddressInfo;
  return { server: started, url: `http://127.0.0.1:${port}/` };
}

/** Fails (never skips) without Chromium: CI must provide it. */
async function launchChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}; the web console e2e test needs it (Debian: apt-get install -y chromium).`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

interface ConsolePage {
  page: Page;
  /** Uncaught errors and console errors of the page. */
  pageErrors: string[];
  /** The last `Authorization` header the page sent to `/graphql`. */
  lastAuthorization: () => string | undefined;
}

/** A fresh browser context (own sessionStorage) with the console open at the login form. */
async function openConsole(): Promise<ConsolePage> {
  browser ??= await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Fail with the locator that did not appear, well inside the test's own timeout.
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  let authorization: string | undefined;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // A failed login or a revoked token is an HTTP 401 from /graphql, which Chromium logs as a resource error.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) pageErrors.push(message.text());
  });
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (new URL(request.url()).pathname === '/graphql' && header) authorization = header;
  });
  await page.goto(consoleUrl);
  await page.getByRole('form', { name: 'Sign in' }).waitFor();
  return { page, pageErrors, lastAuthorization: () => authorization };
}

async function signIn(page: Page, login: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email or username').fill(login);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Other tests create tenants concurrently, so the wanted row may sit behind "Load more". */
async function loadPagesUntilVisible(page: Page, row: Locator) {
  const loadMore = page.getByRole('button', { name: 'Load more' });
  while ((await row.count()) === 0 && (await loadMore.count()) > 0) {
    const rowsBefore = await page.locator('tbody tr').count();
    await loadMore.click();
    await page.waitForFunction((count) => document.querySelectorAll('tbody tr').length > count, rowsBefore);
  }
}

/** Every domain column of `row` holds figures, the first of them a number. */
async function expectFiguresInEveryDomain(table: Locator, row: Locator) {
  const headings = (await table.locator('thead th').allTextContents()).map((text) => text.trim());
  for (const heading of domainHeadings) {
    const column = headings.indexOf(heading);
    expect(column, `${heading} column`).toBeGreaterThan(0);
    const cell = row.locator('th, td').nth(column);
    expect(await cell.textContent(), `${heading} cell`).not.toContain('unavailable');
    expect(await cell.locator('dd').first().textContent(), `${heading} cell`).toMatch(/^\d[\d,]*$/);
  }
}

async function identity(page: Page) {
  const bar = page.getByRole('banner').getByRole('definition');
  await bar.first().waitFor();
  return (await bar.allTextContents()).map((text) => text.trim());
}

/** Calls the gateway directly (not through the console) with a bearer token. */
async function meWithToken(authorization: string) {
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: '{ me { id email } }' }),
  });
  return (await response.json()) as {
    data?: { me: { id: string; email: string } | null } | null;
    errors?: { extensions?: { code?: string } }[];
  };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'codex-web-e2e-'));
  ({ server, url: consoleUrl } = await startConsole(path.join(workDir, 'dist')));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test('the login form rejects a wrong password with a visible error', async ({ annotate }) => {
  const { page, pageErrors } = await openConsole();
  // The ADMIN, so that this failed attempt does not count against the accounts the other tests sign in with.
  await signIn(page, 'jane.smith@demo.com', 'not-the-password');

  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe('Invalid email or password');
  expect(await page.getByRole('form', { name: 'Sign in' }).isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
  expect(pageErrors).toEqual([]);

  await page.screenshot({ path: screenshot('login-error'), fullPage: true });
  await annotate('login error screenshot', { path: screenshot('login-error') });
  await page.context().close();
});

test('the login form shows a wait message when the gateway answers RATE_LIMITED', async ({ annotate }) => {
  const { page, pageErrors } = await openConsole();
  // Provoking the real throttle would take several failed logins from 127.0.0.1 and could lock out
  // other suites' logins for 15 minutes, so only this one answer is stubbed.
  await page.route('**/graphql', (route) =>
    route.fulfill({
      contentType: 'application/graphql-response+json',
      body: JSON.stringify({
        data: null,
        errors: [
          {
            message: 'Too many failed logins; try again later',
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 },
          },
        ],
      }),
    }),
  );
  await signIn(page, 'jane.smith@demo.com', 'demo123');

  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe(
    'Too many failed sign-in attempts. Please wait 42 seconds before trying again.',
  );
  expect(pageErrors).toEqual([]);

  await page.screenshot({ path: screenshot('rate-limited'), fullPage: true });
  await annotate('rate limited screenshot', { path: screenshot('rate-limited') });
  await page.context().close();
});

test('the superadmin `test` sees the tenants page with the demo tenant and figures from every domain', async ({
  annotate,
}) => {
  const { page, pageErrors } = await openConsole();
  await signIn(page, 'test', 'test123');

  const table = page.getByRole('table', { name: /Tenants of the platform/ });
  await table.waitFor();
  expect(await identity(page)).toEqual(['test@codex.local', 'SUPERADMIN', 'platform']);

  const demoRow = table.locator('tbody tr').filter({ has: page.getByText('demo', { exact: true }) });
  await loadPagesUntilVisible(page, demoRow);
  expect(await demoRow.count()).toBe(1);
  await expectFiguresInEveryDomain(table, demoRow);
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(pageErrors).toEqual([]);

  await page.screenshot({ path: screenshot('tenants-page'), fullPage: true });
  await annotate('tenants page screenshot', { path: screenshot('tenants-page') });
  await page.context().close();
});

test('a CLIENT sees only their own tenant; a reload keeps the session; "Log out" ends it at the gateway', async ({
  annotate,
}) => {
  const { page, pageErrors, lastAuthorization } = await openConsole();
  await signIn(page, 'john.doe@demo.com', 'demo123');

  const table = page.getByRole('table', { name: /Summary of tenant/ });
  await table.waitFor();
  expect(await identity(page)).toEqual(['john.doe@demo.com', 'CLIENT', 'demo']);
  expect(await page.getByRole('table', { name: /Tenants of the platform/ }).count()).toBe(0);
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().locator('.tenant-slug').textContent()).toBe('demo');
  await expectFiguresInEveryDomain(table, rows.first());
  expect(await page.getByRole('alert').count()).toBe(0);
  await page.screenshot({ path: screenshot('own-tenant'), fullPage: true });
  await annotate('own tenant screenshot', { path: screenshot('own-tenant') });

  // The refresh token survives a reload within the tab and is rotated by the refresh on start-up.
  const storedToken = () => page.evaluate((key) => window.sessionStorage.getItem(key), refreshTokenStorageKey);
  const beforeReload = await storedToken();
  expect(beforeReload).toBeTruthy();
  expect(await page.evaluate(() => Object.keys(window.localStorage))).toEqual([]);
  await page.reload();
  await page.getByRole('table', { name: /Summary of tenant/ }).waitFor();
  const afterReload = await storedToken();
  expect(afterReload).toBeTruthy();
  expect(afterReload).not.toBe(beforeReload);

  const accessToken = lastAuthorization();
  expect(accessToken).toMatch(/^Bearer .+/);
  expect((await meWithToken(accessToken!)).data?.me?.email).toBe('john.doe@demo.com');

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('form', { name: 'Sign in' }).waitFor();
  expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
  expect(await storedToken()).toBeNull();
  await page.screenshot({ path: screenshot('logged-out'), fullPage: true });
  await annotate('after log out screenshot', { path: screenshot('logged-out') });

  // The gateway learns of revocations by polling, so allow it ~3 s.
  let codes: (string | undefined)[] = [];
  const deadline = Date.now() + 3_500;
  do {
    const { errors } = await meWithToken(accessToken!);
    codes = errors?.map((error) => error.extensions?.code) ?? [];
    if (codes.includes('UNAUTHENTICATED')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() < deadline);
  expect(codes).toContain('UNAUTHENTICATED');
  expect(pageErrors).toEqual([]);
  await page.context().close();
}, 60_000);
