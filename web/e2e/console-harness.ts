/// <reference types="node" />
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { buildConsoleIfStaleOnce } from '../build-if-stale.ts';
import './global-setup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
  }
}

/** The console as the gateway of the test platform serves it. */
export const consoleUrl = (route = '/') => new URL(route, inject('gatewayUrl')).href;

/** Demo accounts of the seeded platform (`packages/kit/src/demo.ts`). */
export const demoLogins = {
  superadmin: { login: 'test', password: 'test123' },
  admin: { login: 'jane.smith@demo.com', password: 'demo123' },
  client: { login: 'john.doe@demo.com', password: 'demo123' },
} as const;

export interface Login {
  login: string;
  password: string;
}

let browser: Promise<Browser> | undefined;

/** This test file's connection to the run's one Chromium; the console is built first if stale. */
export function consoleBrowser(): Promise<Browser> {
  browser ??= buildConsoleIfStaleOnce().then(() => chromium.connect(inject('consoleBrowserEndpoint')));
  return browser;
}

export async function closeConsoleBrowser() {
  await (await browser)?.close();
  browser = undefined;
}

/** For a test file that opens its pages itself: connects before its tests, closes after them. */
export function connectConsoleBrowserPerFile() {
  beforeAll(async () => {
    await consoleBrowser();
  }, 120_000);
  afterAll(closeConsoleBrowser);
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors and console errors of the page, which a test expects to stay empty. */
  pageErrors: string[];
}

/** A fresh context (its own sessionStorage) with one page, watching for page errors. */
export async function openConsole(route = '/'): Promise<ConsolePage> {
  const context = await (await consoleBrowser()).newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Fail with the locator that did not appear, well inside the test's own timeout.
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // Refused requests (401, 400) are logged by Chromium as resource errors; the UI shows them.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) pageErrors.push(message.text());
  });
  await page.goto(consoleUrl(route));
  return { page, context, pageErrors };
}

/** Signs in through the login form and waits for the console's navigation. */
export async function signIn(page: Page, { login, password }: Login) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email or username').fill(login);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
}

/** A signed-in console for `who`, at `route`. */
export async function openConsoleAs(who: Login, route = '/'): Promise<ConsolePage> {
  const opened = await openConsole(route);
  await signIn(opened.page, who);
  return opened;
}

/** Goes to a console route within the signed-in page (client-side, like a click on a link). */
export async function goTo(page: Page, route: string) {
  await page.goto(consoleUrl(route));
}

/** The sidebar's link names, in order. */
export async function navLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Console' }).getByRole('link');
  return (await links.allTextContents()).map((text) => text.trim());
}

const screenshotRoot = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Saves a full-page screenshot as `web/e2e/screenshots/<folder>/<name>.png` (git-ignored). */
export async function saveScreenshot(page: Page, folder: string, name: string): Promise<string> {
  const file = path.join(screenshotRoot, folder, `${name}.png`);
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core (from node_modules, never a CDN) and fails on serious or critical violations. */
export async function expectAccessible(page: Page, screen: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: await axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations as AxeViolation[];
  });
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
    );
  expect(serious, `axe on ${screen}`).toEqual([]);
}
