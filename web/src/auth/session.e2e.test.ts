/// <reference types="node" />
import type { Locator, Page } from 'playwright-core';
import { afterAll, expect, inject, test } from 'vitest';
import { generate } from 'otplib';
import { closeConsoleBrowser, openConsole, type ConsolePage, saveScreenshot } from '../../e2e/console-harness.ts';
import { apiAs, unique } from '../../e2e/domain-api.ts';

const domainHeadings = ['Users', 'CRM', 'CMS', 'Billing', 'Analytics'];
const refreshTokenStorageKey = 'codex.refreshToken';

afterAll(closeConsoleBrowser);

/** The login form, watching the `Authorization` header the page last sent to `/graphql`. */
async function openLogin(): Promise<ConsolePage & { lastAuthorization: () => string | undefined }> {
  const opened = await openConsole('/');
  let authorization: string | undefined;
  opened.page.on('request', (request) => {
    const header = request.headers().authorization;
    if (new URL(request.url()).pathname === '/graphql' && header) authorization = header;
  });
  await opened.page.getByRole('form', { name: 'Sign in' }).waitFor();
  return { ...opened, lastAuthorization: () => authorization };
}

async function signIn(page: Page, login: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email or username').fill(login);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
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

test('the login form rejects a wrong password with a visible error', async ({ annotate }) => {
  const { page, pageErrors } = await openLogin();
  // The ADMIN, so that this failed attempt does not count against the accounts the other tests sign in with.
  await signIn(page, 'jane.smith@demo.com', 'not-the-password');

  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe('Invalid email or password');
  expect(await page.getByRole('form', { name: 'Sign in' }).isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
  expect(pageErrors).toEqual([]);

  await annotate('screenshot', { path: await saveScreenshot(page, 'session', 'login-error') });
  await page.context().close();
});

test('the login form shows a wait message when the gateway answers RATE_LIMITED', async ({ annotate }) => {
  const { page, pageErrors } = await openLogin();
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

  await annotate('screenshot', { path: await saveScreenshot(page, 'session', 'rate-limited') });
  await page.context().close();
});

test('a CLIENT sees only their own tenant; a reload keeps the session; "Log out" ends it at the gateway', async ({
  annotate,
}) => {
  const { page, pageErrors, lastAuthorization } = await openLogin();
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
  await annotate('screenshot', { path: await saveScreenshot(page, 'session', 'own-tenant') });

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
  await annotate('screenshot', { path: await saveScreenshot(page, 'session', 'logged-out') });

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

/** A CLIENT of the demo tenant with two-factor sign-in on (enrolled through the API at the current step). */
async function userWithMfa() {
  const email = `${unique('mfa')}@example.test`;
  const password = `pw-${unique('mfa')}`;
  const admin = await apiAs({ login: 'jane.smith@demo.com', password: 'demo123' });
  await admin('mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
    input: { email, password, role: 'CLIENT' },
  });
  const user = await apiAs({ login: email, password });
  const { startMfaEnrollment } = await user<{ startMfaEnrollment: { secret: string } }>(
    'mutation { startMfaEnrollment { secret } }',
  );
  const step = Math.floor(Date.now() / 30_000);
  const code = await generate({ secret: startMfaEnrollment.secret, epoch: step * 30 });
  await user('mutation ($code: String!) { confirmMfaEnrollment(code: $code) { recoveryCodes } }', { code });
  return { email, password, nextCode: () => generate({ secret: startMfaEnrollment.secret, epoch: (step + 1) * 30 }) };
}

test('a user with two-factor sign-in is asked for the code after the password, then lands signed in', async ({
  annotate,
}) => {
  const user = await userWithMfa();
  const { page, pageErrors } = await openLogin();
  await signIn(page, user.email, user.password);

  const step = page.getByRole('form', { name: 'Two-factor code' });
  await step.waitFor();
  await annotate('screenshot', { path: await saveScreenshot(page, 'session', 'mfa-code') });
  await step.getByLabel('Code from your authenticator app, or a recovery code').fill(await user.nextCode());
  await step.getByRole('button', { name: 'Verify' }).click();
  expect(await identity(page)).toEqual([user.email, 'CLIENT', 'demo']);
  expect(pageErrors).toEqual([]);
  await page.context().close();
});
