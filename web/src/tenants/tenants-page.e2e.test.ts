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
const screenshotPath = path.join(tmpdir(), 'codex-web-tenants-page.png');

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
    throw new Error(`Chromium not found at ${chromiumPath}; the web console e2e test needs it (Debian: apt-get install -y chromium).`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
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

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'codex-web-e2e-'));
  ({ server, url: consoleUrl } = await startConsole(path.join(workDir, 'dist')));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test('the tenants page shows the demo tenant with figures from every domain subgraph', async ({ annotate }) => {
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  await page.goto(consoleUrl);
  const table = page.getByRole('table', { name: /Tenants of the platform/ });
  await table.waitFor();

  const headings = (await table.locator('thead th').allTextContents()).map((text) => text.trim());
  const demoRow = table.locator('tbody tr').filter({ has: page.getByText('demo', { exact: true }) });
  await loadPagesUntilVisible(page, demoRow);
  expect(await demoRow.count()).toBe(1);
  for (const heading of domainHeadings) {
    const column = headings.indexOf(heading);
    expect(column, `${heading} column`).toBeGreaterThan(0);
    const cell = demoRow.locator('th, td').nth(column);
    expect(await cell.textContent(), `${heading} cell`).not.toContain('unavailable');
    expect(await cell.locator('dd').first().textContent(), `${heading} cell`).toMatch(/^\d[\d,]*$/);
  }
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(pageErrors).toEqual([]);

  await page.screenshot({ path: screenshotPath, fullPage: true });
  await annotate('tenants page screenshot', { path: screenshotPath });
});
